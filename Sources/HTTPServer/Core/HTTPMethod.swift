/// An HTTP request method. Kept as a string so that unknown tokens can be reported (501) rather than lost.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let trace = HTTPMethod(rawValue: "TRACE")
    public static let connect = HTTPMethod(rawValue: "CONNECT")
    /// The safe method with a body (IETF httpbis "The HTTP QUERY Method"): clients and fuzzers
    /// send it, and no route serves it.
    public static let query = HTTPMethod(rawValue: "QUERY")

    /// The methods routes are registered for (and `OPTIONS *` lists).
    public static let implemented: Set<HTTPMethod> = [.get, .head, .post, .put, .patch, .delete, .options]

    /// The methods the server recognises: RFC 9110's (GET, HEAD, POST, PUT, DELETE, CONNECT,
    /// OPTIONS, TRACE), PATCH (RFC 5789) and QUERY. A recognised method a path's routes do not serve is
    /// answered 405 with `Allow` (RFC 9110 §15.5.6); any other method 501 (§15.6.2).
    public static let known: Set<HTTPMethod> = implemented.union([.trace, .connect, .query])

    public var description: String { rawValue }
}
