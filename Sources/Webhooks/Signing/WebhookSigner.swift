import Foundation
import Storage

/// Signs deliveries the Standard Webhooks way: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`
/// where the key is the base64-decoded part of the secret after `whsec_`.
public struct WebhookSigner: Sendable {
    public static let secretPrefix = "whsec_"
    private let key: [UInt8]

    /// - Throws: `WebhooksError.internalFailure` when `secret` is not `whsec_<base64>`.
    public init(secret: String) throws {
        guard secret.hasPrefix(Self.secretPrefix),
              let key = Data(base64Encoded: String(secret.dropFirst(Self.secretPrefix.count))), !key.isEmpty else {
            throw WebhooksError.internalFailure("a webhook secret must be whsec_ followed by base64")
        }
        self.key = [UInt8](key)
    }

    /// The `webhook-signature` header value for one attempt.
    public func signature(id: String, timestamp: Int64, body: [UInt8]) -> String {
        let message = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Data(HMACSHA256.authenticationCode(key: key, message: message)).base64EncodedString()
    }

    /// A new secret: `whsec_` and the base64 of 24 random bytes (192 bits).
    static func generateSecret() throws -> String {
        do {
            return secretPrefix + Data(try SecureRandom.bytes(24)).base64EncodedString()
        } catch {
            throw WebhooksError.internalFailure("the random source failed")
        }
    }
}
