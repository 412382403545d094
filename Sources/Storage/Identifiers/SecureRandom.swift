import COpenSSL

/// Bytes and strings from OpenSSL's CSPRNG. Every id, salt and secret comes from here.
public enum SecureRandom {
    /// - Throws: `StorageError.randomSourceFailed` when OpenSSL cannot produce random bytes.
    public static func bytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw StorageError.randomSourceFailed }
        return bytes
    }

    /// `length` characters drawn uniformly from the base62 alphabet. Bytes ≥ 248 are rejected
    /// because 248 = 4 × 62: keeping them would make the first 8 characters more likely.
    public static func base62(length: Int) throws -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        while characters.count < length {
            for byte in try bytes(length + 8) where byte < 248 && characters.count < length {
                characters.append(Base62.alphabet[Int(byte % 62)])
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
