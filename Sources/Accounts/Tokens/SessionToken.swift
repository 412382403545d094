import Storage

/// Session tokens: `sess_` + 43 random base62 characters (≥ 256 bits). Opaque; only their SHA-256
/// is stored, so a database leak does not hand out live sessions.
enum SessionToken {
    static let prefix = "sess_"
    static let randomLength = 43

    static func generate() throws -> String {
        prefix + (try SecureRandom.base62(length: randomLength))
    }

    static func isWellFormed(_ token: String) -> Bool {
        let bytes = token.utf8
        guard bytes.count == prefix.utf8.count + randomLength, token.hasPrefix(prefix) else { return false }
        return Base62.isBase62(bytes.dropFirst(prefix.utf8.count))
    }
}
