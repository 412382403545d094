import Storage

/// Everything the webhooks domain refuses. Each case names its `ErrorCategory`, `code` and
/// `param` (`category`, `code`, `param`; table in Docs/Webhooks.md).
public enum WebhooksError: Error, Sendable, Equatable {
    /// notFound `not_found`: no such endpoint, a malformed id, or another account's.
    case notFound(id: String)
    /// invalid `invalid_request` (param `url`): not an absolute http(s) URL with a host, userinfo,
    /// too long, or with spaces or control characters.
    case invalidURL(detail: String)
    /// invalid `address_not_allowed` (param `url`): the host is a private, loopback, link-local or
    /// otherwise internal address and the server does not allow those.
    case addressNotAllowed(host: String)
    /// invalid `invalid_request` (param `events`): an unknown event type or an empty list.
    case invalidEvents(detail: String)
    /// conflict `webhook_limit_reached`: the account already has `limit` endpoints.
    case limitReached(limit: Int)
    /// invalid `webhook_not_registered` (param `webhook_url`): a per-request callback must be the URL
    /// of one of the account's endpoints, whose secret signs what it receives.
    case notRegistered(url: String)
    /// malformed `invalid_parameter` (param `limit`): a page size outside 1...100.
    case invalidLimit(Int)
    /// malformed `invalid_parameter` (param `starting_after`): not the id of one of the account's endpoints.
    case invalidCursor(String)
    /// unavailable `busy` (retry after 1 s) for `StorageError.busy`, internalFailure `internal` otherwise.
    case storage(StorageError)
    /// internalFailure `internal`: the random source or the signer failed.
    case internalFailure(String)
}
