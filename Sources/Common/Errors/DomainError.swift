/// An error a domain module throws to refuse a request: what kind of refusal it is, a stable
/// machine `code`, the parameter at fault and a sentence safe to show to the caller. No domain
/// error names a protocol status or header: the API maps `category` to a status and
/// `retryAfter` to `Retry-After` in one place (`DomainError+HTTP.swift`, Docs/Errors.md).
public protocol DomainError: Error, Sendable {
    /// What kind of refusal or failure this is.
    var category: ErrorCategory { get }
    /// A stable machine-readable code (`not_found`, `plan_limit`, …).
    var code: String { get }
    /// The request parameter at fault, if any (`name`, `filters[0].id`, …).
    var param: String? { get }
    /// A sentence for the caller: what went wrong and, where possible, what to do. Never shows
    /// paths, SQL or other internals.
    var detail: String { get }
    /// Further members a client needs to react (`limit`, `allowed`, `used`, `plan`, …).
    var members: [String: ErrorMember] { get }
    /// Seconds after which a retry may succeed, where waiting helps.
    var retryAfter: Int? { get }
}

extension DomainError {
    public var param: String? { nil }
    public var members: [String: ErrorMember] { [:] }
    public var retryAfter: Int? { nil }
}
