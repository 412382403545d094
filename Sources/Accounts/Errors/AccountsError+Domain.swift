import Common

/// How each Accounts refusal reaches a client (the table in Docs/Storage-and-Accounts.md).
extension AccountsError: DomainError {
    public var category: ErrorCategory {
        switch self {
        case .invalidEmail, .invalidPassword, .invalidName, .invalidScope, .tokenMalformed, .tokenInvalid: .invalid
        case .emailTaken, .apiKeyLimitReached, .tokenUsed, .alreadyVerified: .conflict
        case .tokenExpired: .gone
        case .invalidCredentials, .malformedToken, .invalidToken: .unauthenticated
        case .tooManyAttempts, .tooManyRequests: .rateLimited
        case .accountSuspended, .scopeNotHeld, .incorrectPassword: .forbidden
        case .notFound: .notFound
        case .cryptoFailure: .internalFailure
        case .storage(let error): error.category
        }
    }

    public var param: String? {
        switch self {
        case .invalidEmail, .emailTaken: "email"
        case .invalidPassword: "password"
        case .invalidName: "name"
        case .invalidScope, .scopeNotHeld: "scopes"
        case .incorrectPassword: "current_password"
        case .tokenMalformed, .tokenInvalid, .tokenExpired, .tokenUsed: "token"
        default: nil
        }
    }

    public var detail: String {
        if case .storage(let error) = self { return error.detail }
        return description
    }

    public var members: [String: ErrorMember] {
        if case .apiKeyLimitReached(let limit) = self { return ["limit": .integer(Int64(limit))] }
        return [:]
    }

    public var retryAfter: Int? {
        switch self {
        case .tooManyAttempts(let seconds), .tooManyRequests(let seconds): seconds
        case .storage(let error): error.retryAfter
        default: nil
        }
    }

    /// Whether the bearer token itself was refused (as opposed to a password): an HTTP adapter
    /// then names its authentication scheme in the answer.
    public var isTokenRefusal: Bool {
        switch self {
        case .malformedToken, .invalidToken: true
        default: false
        }
    }
}
