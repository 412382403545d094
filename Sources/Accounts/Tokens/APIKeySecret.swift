import Storage

/// The format of API key secrets: `sk_live_` + 32 random base62 characters (≈190 bits) + 6 base62
/// characters of the CRC-32 of everything before them. The checksum lets the authenticator (and
/// secret scanners) reject mistyped or invented keys without a database read.
enum APIKeySecret {
    static let prefix = "sk_live_"
    static let randomLength = 32
    static let checksumLength = 6
    static let length = prefix.utf8.count + randomLength + checksumLength
    /// Characters shown in listings: the prefix and 4 random characters.
    static let displayLength = prefix.utf8.count + 4

    static func generate() throws -> String {
        let body = prefix + (try SecureRandom.base62(length: randomLength))
        return body + checksum(of: body)
    }

    /// True when `token` has the right prefix, length, alphabet and checksum.
    static func isWellFormed(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard bytes.count == length, token.hasPrefix(prefix) else { return false }
        let random = bytes[prefix.utf8.count...]
        guard Base62.isBase62(random) else { return false }
        let body = bytes.prefix(length - checksumLength)
        let given = bytes.suffix(checksumLength)
        return Array(checksum(of: body).utf8) == Array(given)
    }

    static func displayPrefix(of secret: String) -> String {
        String(secret.prefix(displayLength))
    }

    private static func checksum<S: Sequence>(of body: S) -> String where S.Element == UInt8 {
        Base62.encode(UInt64(CRC32.checksum(body)), width: checksumLength)
    }

    private static func checksum(of body: String) -> String {
        checksum(of: Array(body.utf8))
    }
}
