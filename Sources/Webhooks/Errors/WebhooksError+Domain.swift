import Common
import Storage

/// How each webhooks refusal reaches a client (the table in Docs/Webhooks.md); the endpoint cap
/// carries `limit` and `used`.
extension WebhooksError: DomainError, CustomStringConvertible {
    public var category: ErrorCategory {
        switch self {
        case .notFound: .notFound
        case .invalidURL, .addressNotAllowed, .invalidEvents, .notRegistered: .invalid
        case .limitReached: .conflict
        case .invalidLimit, .invalidCursor: .malformed
        case .storage(let error): error.category
        case .internalFailure: .internalFailure
        }
    }

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .invalidURL, .invalidEvents: "invalid_request"
        case .addressNotAllowed: "address_not_allowed"
        case .limitReached: "webhook_limit_reached"
        case .notRegistered: "webhook_not_registered"
        case .invalidLimit, .invalidCursor: "invalid_parameter"
        case .storage(.busy): "busy"
        case .storage, .internalFailure: "internal"
        }
    }

    /// The request parameter at fault, if any.
    public var param: String? {
        switch self {
        case .invalidURL, .addressNotAllowed: "url"
        case .invalidEvents: "events"
        case .notRegistered: "webhook_url"
        case .invalidLimit: "limit"
        case .invalidCursor: "starting_after"
        default: nil
        }
    }

    public var detail: String { description }

    public var members: [String: ErrorMember] {
        if case .limitReached(let limit) = self { return ["limit": .integer(Int64(limit)), "used": .integer(Int64(limit))] }
        return [:]
    }

    public var retryAfter: Int? {
        if case .storage(let error) = self { return error.retryAfter }
        return nil
    }

    public var description: String {
        switch self {
        case .notFound(let id):
            "No webhook endpoint \(id)."
        case .invalidURL(let detail):
            "url \(detail)"
        case .addressNotAllowed(let host):
            "url's host \(host) is a private, loopback or otherwise internal address; webhooks are only sent to public addresses."
        case .invalidEvents(let detail):
            "events \(detail)"
        case .limitReached(let limit):
            "An account may register at most \(limit) webhook endpoints; delete one first."
        case .notRegistered(let url):
            "webhook_url \(url) is not one of your webhook endpoints. Register it first with POST /v1/webhooks to get the secret that signs its deliveries."
        case .invalidLimit(let limit):
            "limit must be an integer from 1 to 100, not \(limit)."
        case .invalidCursor:
            "starting_after must be the id of one of your webhook endpoints."
        case .storage(.busy):
            "The database is busy; retry shortly."
        case .storage:
            "Internal storage error."
        case .internalFailure(let reason):
            "Internal error: \(reason)"
        }
    }
}
