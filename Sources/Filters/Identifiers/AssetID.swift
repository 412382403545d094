import Storage

/// An uploaded content asset: `ast_` + 20 random base62 characters (≈119 bits).
public struct AssetID: PrefixedIdentifier {
    public static let prefix = "ast_"
    public let rawValue: String

    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }

    /// Parses an id from a URL path; a malformed id is answered exactly like an unknown one.
    ///
    /// - Throws: `FiltersError.notFound(.asset, …)`.
    public static func parse(_ text: String) throws -> AssetID {
        guard let id = AssetID(rawValue: text) else { throw FiltersError.notFound(resource: .asset, id: text) }
        return id
    }
}
