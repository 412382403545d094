/// An opaque, unguessable id such as `acct_4kQ…`: a type prefix and 20 random base62
/// characters (≈119 bits). The prefix makes ids self-describing in logs and support tickets;
/// parsing checks it, so an api-key id can never be passed where an account id is expected.
public protocol PrefixedIdentifier: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue == String {
    /// The type prefix including the underscore, e.g. `acct_`.
    static var prefix: String { get }
    /// Wraps a string that is already known to be valid (read back from the database).
    init(trusted rawValue: String)
}

/// Number of random base62 characters after the prefix.
public let identifierRandomLength = 20

extension PrefixedIdentifier {
    /// Parses an id from outside (a URL path, a CLI argument); nil when the prefix or the
    /// characters are wrong, which callers should answer exactly like an unknown id.
    public init?(rawValue: String) {
        guard rawValue.hasPrefix(Self.prefix) else { return nil }
        let random = rawValue.utf8.dropFirst(Self.prefix.utf8.count)
        guard random.count == identifierRandomLength, Base62.isBase62(random) else { return nil }
        self.init(trusted: rawValue)
    }

    /// A new random id.
    ///
    /// - Throws: `StorageError.randomSourceFailed` when the CSPRNG fails.
    public static func generate() throws -> Self {
        Self(trusted: Self.prefix + (try SecureRandom.base62(length: identifierRandomLength)))
    }

    public var description: String { rawValue }
}
