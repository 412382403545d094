import Storage

/// Everything the webhooks domain refuses. Each case names the HTTP status, problem `code` and
/// `param` it maps to (`status`, `code`, `param`; table in Docs/Webhooks.md).
public enum WebhooksError: Error, Sendable, Equatable {
    /// 404 `not_found`: no such endpoint, a malformed id, or another account's.
    case notFound(id: String)
    /// 422 `invalid_request` (param `url`): not an absolute http(s) URL with a host, userinfo,
    /// too long, or with spaces or control characters.
    case invalidURL(detail: String)
    /// 422 `address_not_allowed` (param `url`): the host is a private, loopback, link-local or
    /// otherwise internal address and the server does not allow those.
    case addressNotAllowed(host: String)
    /// 422 `invalid_request` (param `events`): an unknown event type or an empty list.
    case invalidEvents(detail: String)
    /// 409 `webhook_limit_reached`: the account already has `limit` endpoints.
    case limitReached(limit: Int)
    /// 422 `webhook_not_registered` (param `webhook_url`): a per-request callback must be the URL
    /// of one of the account's endpoints, whose secret signs what it receives.
    case notRegistered(url: String)
    /// 400 `invalid_parameter` (param `limit`): a page size outside 1...100.
    case invalidLimit(Int)
    /// 400 `invalid_parameter` (param `starting_after`): not the id of one of the account's endpoints.
    case invalidCursor(String)
    /// 503 `busy` for `StorageError.busy`, 500 `internal` otherwise.
    case storage(StorageError)
    /// 500 `internal`: the random source or the signer failed.
    case internalFailure(String)
}

extension WebhooksError: CustomStringConvertible {
    /// The HTTP status this error answers with.
    public var status: Int {
        switch self {
        case .notFound: 404
        case .invalidURL, .addressNotAllowed, .invalidEvents, .notRegistered: 422
        case .limitReached: 409
        case .invalidLimit, .invalidCursor: 400
        case .storage(.busy): 503
        case .storage, .internalFailure: 500
        }
    }

    /// The stable problem code.
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

    /// Runs `body`, turning storage failures into `.storage`.
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WebhooksError {
            throw error
        } catch let error as StorageError {
            throw WebhooksError.storage(error)
        }
    }
}
