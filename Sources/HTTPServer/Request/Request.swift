/// A complete HTTP request as a handler sees it: head, body (in memory or spooled to a file),
/// where it came from, and a per-request context that middleware fills (for example the authenticated account).
public struct Request: Sendable {
    public let method: HTTPMethod
    /// The request target exactly as sent (`/v1/filters?limit=5`).
    public let target: String
    /// The path part of the target, still percent-encoded.
    public let path: String
    /// The query part after `?`, still encoded; nil when absent.
    public let queryString: Substring?
    /// `1` for HTTP/1.1, `0` for HTTP/1.0.
    public let minorVersion: Int
    /// Header fields; names are lower-case, lookups ignore case.
    public let headers: HTTPHeaders
    public internal(set) var body: RequestBody
    /// The peer's address, `ip:port`.
    public let remoteAddress: String
    /// The id echoed in `X-Request-Id` and in the access log.
    public let requestID: String
    /// Path parameters captured by the matched route (`{id}` → `parameters["id"]`), percent-decoded.
    public internal(set) var parameters: Parameters
    /// Values that middleware attaches for later stages (auth results and the like).
    public var context: RequestContext

    public init(
        method: HTTPMethod,
        target: String,
        minorVersion: Int = 1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: RequestBody = .empty,
        remoteAddress: String = "",
        requestID: String = "",
        parameters: Parameters = Parameters(),
        context: RequestContext = RequestContext()
    ) {
        self.method = method
        self.target = target
        // Byte search: `firstIndex(of: Character)` walks grapheme clusters, far slower on the hot path.
        if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(target[..<q])
            queryString = target[target.utf8.index(after: q)...]
        } else {
            path = target
            queryString = nil
        }
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.requestID = requestID
        self.parameters = parameters
        self.context = context
    }
}
