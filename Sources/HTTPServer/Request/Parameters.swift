/// Path parameters captured by a route pattern, in pattern order.
public struct Parameters: Sendable, Sequence {
    private var pairs: [(name: String, value: String)] = []

    public init() {}

    public subscript(name: String) -> String? {
        for pair in pairs where pair.name == name { return pair.value }
        return nil
    }

    /// The parameter, or a 400 naming it when it is missing (a route/handler mismatch, but fail clearly).
    public func require(_ name: String) throws -> String {
        guard let value = self[name] else { throw HTTPError.badRequest("Missing path parameter.", param: name) }
        return value
    }

    mutating func append(name: String, value: String) { pairs.append((name, value)) }

    public var count: Int { pairs.count }
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { pairs.makeIterator() }
}
