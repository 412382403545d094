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
