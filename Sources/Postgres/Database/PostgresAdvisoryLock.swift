import Foundation
import Storage

/// The 64-bit key PostgreSQL's advisory locks take, derived from a readable name: the first 8
/// bytes of the name's SHA-256, so every node and every version computes the same key for the
/// same name and unrelated names practically never collide.
public enum PostgresAdvisoryLock {
    public static func key(for name: String) -> Int64 {
        let hasher = SHA256Hasher()
        hasher.update(Data(name.utf8))
        let hex = hasher.finalizeHex()
        return Int64(bitPattern: UInt64(hex.prefix(16), radix: 16)!)
    }
}
