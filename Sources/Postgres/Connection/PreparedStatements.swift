import CPostgres

/// The statements one connection has prepared on its server, by SQL text and parameter types
/// (the same text with a NULL where an integer was is a different statement to the server: an
/// untyped parameter takes its type from where it is used).
///
/// Preparing once per connection saves the server parsing, analysing and planning the text on
/// every execution — on `GET /v1/me` with shared rate limits that was most of PostgreSQL's CPU.
/// Bounded: past `limit` distinct statements the connection deallocates them all and starts
/// over, so SQL built at run time cannot grow a backend's memory without end.
struct PreparedStatements {
    struct Key: Hashable {
        let text: String
        let types: [Oid]
    }

    static let limit = 256

    private var names: [Key: String] = [:]
    private var counter = 0

    /// The server-side name of `key`'s statement, if this connection prepared it.
    func name(for key: Key) -> String? { names[key] }

    var isFull: Bool { names.count >= Self.limit }

    /// A name not used on this connection before (names stay unique even after `removeAll`,
    /// since a forgotten statement may still exist on the server).
    mutating func nextName() -> String {
        counter += 1
        return "stylify_\(counter)"
    }

    mutating func record(_ name: String, for key: Key) { names[key] = name }

    mutating func forget(_ key: Key) { names[key] = nil }

    mutating func removeAll() { names.removeAll() }
}
