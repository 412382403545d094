import Storage

/// A filter: `flt_` + 20 random base62 characters (≈119 bits).
public struct FilterID: PrefixedIdentifier {
    public static let prefix = "flt_"
    public let rawValue: String

    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }

    /// Parses an id from a URL path; a malformed id is answered exactly like an unknown one.
    ///
    /// - Throws: `FiltersError.notFound(.filter, …)`.
    public static func parse(_ text: String) throws -> FilterID {
        guard let id = FilterID(rawValue: text) else { throw FiltersError.notFound(resource: .filter, id: text) }
        return id
    }
}
