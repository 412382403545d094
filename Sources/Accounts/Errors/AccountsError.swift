import Storage

/// Everything the Accounts domain refuses, each with its `ErrorCategory` (the API alone maps
/// categories to statuses; this module knows no HTTP) and a stable machine `code`.
public enum AccountsError: Error, Sendable, Equatable {
    /// invalid `invalid_email` (param `email`): not a plausible address after trimming/lowercasing.
    case invalidEmail
    /// invalid `invalid_password` (param `password`): shorter than `minimum` or longer than `maximum` characters.
    case invalidPassword(minimum: Int, maximum: Int)
    /// invalid `invalid_name` (param `name`): empty after trimming, too long, or with control characters.
    case invalidName(maximum: Int)
    /// invalid `invalid_scope` (param `scopes`): a scope that is not one of `APIKeyScope.all`.
    case invalidScope(String)
    /// forbidden `insufficient_scope` (param `scopes`): a restricted API key asked for a key with a
    /// scope it does not hold itself (`"*"`: for an unrestricted key).
    case scopeNotHeld(String)
    /// conflict `email_taken`: another user already signed up with this address.
    case emailTaken
    /// unauthenticated `invalid_credentials`: wrong password or unknown email (deliberately indistinguishable).
    case invalidCredentials
    /// rateLimited `too_many_attempts`, retry after `retryAfter` seconds: too many failed logins for this
    /// email or from this client address.
    case tooManyAttempts(retryAfter: Int)
    /// unauthenticated `malformed_token`: the bearer token is not a well-formed session token or API key
    /// (wrong prefix, length, characters or checksum); rejected without a database read.
    case malformedToken
    /// unauthenticated `invalid_token`: well-formed but unknown, expired or revoked.
    case invalidToken
    /// forbidden `account_suspended`: the account was suspended by an operator.
    case accountSuspended
    /// notFound `not_found`: no such resource in the caller's account. Another tenant's resource
    /// answers exactly the same way.
    case notFound(resource: String)
    /// conflict `limit_reached` (with `limit`): the account already has the maximum of active API keys.
    case apiKeyLimitReached(limit: Int)
    /// internalFailure `internal`: OpenSSL failed (random numbers or scrypt).
    case cryptoFailure
    /// forbidden `incorrect_password` (param `current_password`): a password change named the wrong current password.
    case incorrectPassword
    /// invalid `token_malformed` (param `token`): not a well-formed token of the kind the endpoint
    /// takes (`rst_…` for password resets, `evt_…` for e-mail verification); checked without a read.
    case tokenMalformed(expectedPrefix: String)
    /// invalid `token_invalid` (param `token`): well-formed, but no such token was issued (or the
    /// address it was mailed to is no longer the user's).
    case tokenInvalid
    /// gone `token_expired` (param `token`): the token's lifetime has passed; ask for a new one.
    case tokenExpired
    /// conflict `token_used` (param `token`): the token was already used (or replaced by a newer one).
    case tokenUsed
    /// conflict `already_verified`: the user's e-mail address is verified already.
    case alreadyVerified
    /// rateLimited `too_many_requests`, retry after `retryAfter` seconds: too many reset or
    /// verification mails asked for this address, or bad tokens sent from this client address.
    case tooManyRequests(retryAfter: Int)
    /// As the `StorageError` reports itself: unavailable `busy`, internalFailure `internal` otherwise.
    case storage(StorageError)
}

extension AccountsError {
    /// A stable machine-readable code.
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
        case .incorrectPassword: "incorrect_password"
        case .tokenMalformed: "token_malformed"
        case .tokenInvalid: "token_invalid"
        case .tokenExpired: "token_expired"
        case .tokenUsed: "token_used"
        case .alreadyVerified: "already_verified"
        case .tooManyRequests: "too_many_requests"
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
        case .incorrectPassword: "The current password is incorrect."
        case .tokenMalformed(let prefix): "The token is malformed; it is the \(prefix)… text of the link in the e-mail."
        case .tokenInvalid: "The token is not valid; use the link of the latest e-mail, or ask for a new one."
        case .tokenExpired: "The token has expired; ask for a new e-mail."
        case .tokenUsed: "The token was already used; ask for a new e-mail if you need one."
        case .alreadyVerified: "The e-mail address is already verified."
        case .tooManyRequests(let seconds): "Too many requests of this kind; try again in \(seconds) seconds."
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
