/// The RFC 9457 body of an `HTTPError`, field names as API.md specifies, plus the error's
/// extension members.
struct ProblemDocument: Encodable {
    let error: HTTPError

    init(_ error: HTTPError) {
        self.error = error
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let extensions = error.extensions
        // An extension may redefine a standard member's type (a quota's `limit` is a name, not a count).
        func standard<T: Encodable>(_ name: String, _ value: T?) throws {
            guard extensions[name] == nil, let value else { return }
            try container.encode(value, forKey: Key(name))
        }
        try standard("type", error.type)
        try standard("title", error.title)
        try standard("status", error.status.code)
        try standard("detail", error.detail)
        try standard("code", error.code)
        try standard("param", error.param)
        try standard("limit", error.limit)
        try standard("used", error.used)
        for (name, value) in extensions {
            try container.encode(value, forKey: Key(name))
        }
    }
}
