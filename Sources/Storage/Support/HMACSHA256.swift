import COpenSSL

/// HMAC-SHA256 through OpenSSL, shared by webhook signatures and AWS Signature Version 4.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                     messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count, &code, &length)
            }
        }
        precondition(result != nil, "HMAC-SHA256 failed")
        return Array(code.prefix(Int(length)))
    }
}
