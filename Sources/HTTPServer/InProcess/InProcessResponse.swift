/// One response as `InProcessClient` read it off the connection: an interim `100 Continue` or a
/// final response with its body de-chunked.
public struct InProcessResponse: Sendable {
    public var status: Int
    public var reasonPhrase: String
    /// The header fields as the server wrote them (lookups ignore case).
    public var headers: HTTPHeaders
    /// The body after transfer decoding (empty for HEAD, 1xx, 204 and 304).
    public var body: [UInt8]
    /// Whether the body was sent with `Transfer-Encoding: chunked`.
    public var wasChunked: Bool

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The first value of a header field.
    public func header(_ name: String) -> String? { headers[name] }
}
