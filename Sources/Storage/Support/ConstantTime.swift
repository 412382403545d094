import COpenSSL

/// Comparing secrets without an early exit, so the time taken says nothing about where bytes differ.
public enum ConstantTime {
    /// Equal length and equal bytes. The length itself is not hidden: compare digests when it is secret.
    public static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}
