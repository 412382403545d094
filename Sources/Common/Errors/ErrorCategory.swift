/// What kind of refusal or failure a domain error is, in terms every adapter can act on. Domain
/// modules choose a category; the API alone turns it into a status (the table in Docs/Errors.md),
/// and the command line could turn it into an exit code, without either knowing the other.
///
/// One case per reaction a client needs: the set is what the domains refuse today, not a copy
/// of every HTTP status.
public enum ErrorCategory: String, Sendable, CaseIterable {
    /// A parameter outside the body is malformed (a page size, a cursor, a header value).
    case malformed
    /// The caller's credentials are wrong, unknown, expired or revoked.
    case unauthenticated
    /// An allowance that is used up over time has too little left (monthly frames, stored bytes).
    case quotaExceeded
    /// The caller may not do this (a suspended account, a read-only gallery filter).
    case forbidden
    /// No such resource for this caller (another tenant's looks the same).
    case notFound
    /// The resource's state or another resource stands in the way (a taken email, a limit on
    /// how many of something an account holds, a job that can no longer be canceled).
    case conflict
    /// The resource existed but is no longer kept (an expired result).
    case gone
    /// An upload is larger than the caller's plan allows.
    case tooLarge
    /// The content is of a type the service does not read.
    case unsupportedMediaType
    /// The request is well-formed but its values are unusable (a bad field, an unknown id named
    /// in the body, an input over a plan limit).
    case invalid
    /// Too many requests, attempts or jobs at once; retry later.
    case rateLimited
    /// Busy or stopping for a moment (the database lock, a shutdown); retry shortly.
    case unavailable
    /// The server has no storage space left; nothing was stored.
    case insufficientStorage
    /// A failure of the service itself; the detail never shows internals.
    case internalFailure
}
