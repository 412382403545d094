/// Why a URL the client gave was not fetched. Each case names the request field (`param`:
/// `content_url`, `style_url`); nothing of a refused fetch is kept.
public enum RemoteFetchError: Error, Sendable, Equatable {
    /// invalid `invalid_url`: not an absolute http(s) URL the rules accept (detail says why).
    case invalidURL(param: String, detail: String)
    /// invalid `url_not_allowed`: the host is, or resolves to, a private, loopback, link-local or
    /// otherwise internal address (also after a redirect).
    case addressNotAllowed(param: String, host: String)
    /// invalid `url_unresolvable`: the host name does not resolve.
    case unresolvable(param: String, host: String)
    /// invalid `url_unreachable`: no connection, or the connection broke before an answer.
    case unreachable(param: String, detail: String)
    /// invalid `url_timeout`: no complete answer within the timeout.
    case timedOut(param: String, seconds: Int)
    /// invalid `url_status`: the origin answered a status other than 2xx (or a redirect without
    /// a usable `Location`).
    case badStatus(param: String, status: Int)
    /// invalid `url_too_many_redirects`: more redirects than the server follows.
    case tooManyRedirects(param: String, limit: Int)
    /// invalid `url_not_media`: the answer's `Content-Type` is not an image or video type.
    case notMedia(param: String, contentType: String)
    /// invalid `url_truncated`: the body ended before its declared `Content-Length`.
    case truncated(param: String, received: Int64, declared: Int64)
    /// The body is larger than `limit` bytes (declared by `Content-Length`, or counted while it
    /// streamed); the caller reports it as the plan's `upload_bytes` limit.
    case tooLarge(param: String, limit: Int64, requested: Int64)
    /// internalFailure `internal`: libcurl or the temporary file failed.
    case internalFailure(String)
}
