/// What a handler answers. The server adds `Date`, `Content-Length`/`Transfer-Encoding`, `Connection`
/// and `X-Request-Id`; everything else is the handler's.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: ResponseBody

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: ResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A body-less response (204 by default).
    public static func empty(status: HTTPStatus = .noContent, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        Response(status: status, headers: headers)
    }

    /// Plain UTF-8 text.
    public static func text(_ text: String, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers.add("Content-Type", "text/plain; charset=utf-8")
        return Response(status: status, headers: headers, body: .bytes(Array(text.utf8)))
    }

    /// Raw bytes with a media type.
    public static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: .bytes(bytes))
    }

    /// Returns a copy with one more header.
    public func adding(_ name: String, _ value: String) -> Response {
        var copy = self
        copy.headers.add(name, value)
        return copy
    }
}
