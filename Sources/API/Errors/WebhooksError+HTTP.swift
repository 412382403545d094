import Webhooks

// Webhooks errors as HTTP problems. `WebhooksError` already names its status, `code` and
// `param` (table in Docs/Webhooks.md); this file only renders them, so the two cannot drift.

extension WebhooksError: HTTPErrorConvertible {
    /// The problem for this error; the endpoint cap carries `limit`, a busy database asks the client to retry.
    public var httpError: HTTPError {
        var error = HTTPError(HTTPStatus(code: status), code: code, detail: description, param: param)
        switch self {
        case .limitReached(let limit):
            error.limit = Int64(limit)
            error.used = Int64(limit)
        case .storage(.busy):
            error.headers.set("Retry-After", "1")
        default:
            break
        }
        return error
    }
}
