/// The parts of an HTTP request that Signature Version 4 covers.
public struct SigV4Request: Sendable, Equatable {
    /// A header or a query parameter, in the order given.
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `GET`, `PUT`, … (upper case).
    public var method: String
    /// The path as the server receives it once decoded: `/bucket/a b.jpg`, not `/bucket/a%20b.jpg`.
    /// The signer and the URL builder encode it the same way (`SigV4Encoding.path`).
    public var path: String
    /// Decoded query parameters; a parameter without a value (`?uploads`) has the value "".
    public var query: [Field]
    /// Headers to sign, `Host` among them. Headers sent but not listed here are not signed.
    public var headers: [Field]

    public init(method: String, path: String, query: [Field] = [], headers: [Field] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The value of the first header called `name` (any case), if any.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
