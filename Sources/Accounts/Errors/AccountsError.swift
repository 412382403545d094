import Storage

/// Everything the Accounts domain refuses, with the HTTP status each maps to (the API module owns
/// that mapping; this module knows no HTTP) and a stable machine `code` for problem details.
public enum AccountsError: Error, Sendable, Equatable {
    /// 422 `invalid_email` (param `email`): not a plausible address after trimming/lowercasing.
    case invalidEmail
    /// 422 `invalid_password` (param `password`): shorter than `minimum` or longer than `maximum` characters.
    case invalidPassword(minimum: Int, maximum: Int)
    /// 422 `invalid_name` (param `name`): empty after trimming, too long, or with control characters.
    case invalidName(maximum: Int)
    /// 422 `invalid_scope` (param `scopes`): a scope that is not one of `APIKeyScope.all`.
    case invalidScope(String)
    /// 403 `insufficient_scope` (param `scopes`): a restricted API key asked for a key with a scope
    /// it does not hold itself (`"*"`: for an unrestricted key).
    case scopeNotHeld(String)
    /// 409 `email_taken`: another user already signed up with this address.
    case emailTaken
    /// 401 `invalid_credentials`: wrong password or unknown email (deliberately indistinguishable).
    case invalidCredentials
    /// 429 `too_many_attempts` with `Retry-After: retryAfter`: too many failed logins for this
    /// email or from this client address.
    case tooManyAttempts(retryAfter: Int)
    /// 401 `malformed_token`: the bearer token is not a well-formed session token or API key
    /// (wrong prefix, length, characters or checksum); rejected without a database read.
    case malformedToken
    /// 401 `invalid_token`: well-formed but unknown, expired or revoked.
    case invalidToken
    /// 403 `account_suspended`: the account was suspended by an operator.
    case accountSuspended
    /// 404 `not_found`: no such resource in the caller's account. Another tenant's resource
    /// answers exactly the same way.
    case notFound(resource: String)
    /// 409 `limit_reached` (with `limit`): the account already has the maximum of active API keys.
    case apiKeyLimitReached(limit: Int)
    /// 500 `internal`: OpenSSL failed (random numbers or scrypt).
    case cryptoFailure
    /// 503 `busy` for `StorageError.busy`, 500 `internal` otherwise.
    case storage(StorageError)
}

extension AccountsError {
    /// A stable machine-readable code for the problem's `code` member.
    public var code: String {
        switch self {
        case .invalidEmail: "invalid_email"
        case .invalidPassword: "invalid_password"
        case .invalidName: "invalid_name"
        case .invalidScope: "invalid_scope"
        case .scopeNotHeld: "insufficient_scope"
        case .emailTaken: "email_taken"
        case .invalidCredentials: "invalid_credentials"
        case .tooManyAttempts: "too_many_attempts"
        case .malformedToken: "malformed_token"
        case .invalidToken: "invalid_token"
        case .accountSuspended: "account_suspended"
        case .notFound: "not_found"
        case .apiKeyLimitReached: "limit_reached"
        case .cryptoFailure: "internal"
        case .storage(.busy): "busy"
        case .storage: "internal"
        }
    }
}

extension AccountsError: CustomStringConvertible {
    /// A sentence safe to show to the client (storage details are summarised, not leaked).
    public var description: String {
        switch self {
        case .invalidEmail: "The email address is not valid."
        case .invalidPassword(let minimum, let maximum): "The password must be \(minimum) to \(maximum) characters long."
        case .invalidName(let maximum): "The name must be 1 to \(maximum) printable characters."
        case .invalidScope(let scope):
            "Unknown scope \"\(scope)\"; the scopes are \(APIKeyScope.all.joined(separator: ", "))."
        case .scopeNotHeld("*"):
            "A restricted API key cannot create an unrestricted key; list the scopes the new key needs, within this key's own."
        case .scopeNotHeld(let scope):
            "This API key cannot grant the \"\(scope)\" scope, which it does not hold itself."
        case .emailTaken: "An account with this email address already exists."
        case .invalidCredentials: "The email or password is incorrect."
        case .tooManyAttempts(let seconds): "Too many failed sign-in attempts; try again in \(seconds) seconds."
        case .malformedToken: "The bearer token is malformed."
        case .invalidToken: "The bearer token is invalid, expired or revoked."
        case .accountSuspended: "This account is suspended."
        case .notFound(let resource): "No such \(resource)."
        case .apiKeyLimitReached(let limit): "An account can have at most \(limit) active API keys; revoke one first."
        case .cryptoFailure: "Internal error."
        case .storage(.busy): "The service is busy; try again."
        case .storage: "Internal error."
        }
    }
}

extension AccountsError {
    /// Runs a storage operation, wrapping `StorageError` so callers see one error type.
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StorageError {
            throw AccountsError.storage(error)
        }
    }
}
