import Foundation
import Glibc
import Storage

/// The secret that guards `GET /metrics`: an operator's credential, separate from account
/// authentication (a scraper is not a customer and must not need an account or an API key).
public struct OperatorToken: Sendable, CustomStringConvertible {
    /// Why a token cannot be used.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A configured token shorter than `minimumLength` or with characters a header cannot carry.
        case unusable(reason: String)
        /// The token file exists but cannot be read, is empty, or holds an unusable token.
        case unreadableFile(path: String, reason: String)
        /// The token file could not be created.
        case cannotCreateFile(path: String, reason: String)

        public var description: String {
            switch self {
            case .unusable(let reason): "operator token: \(reason)"
            case .unreadableFile(let path, let reason): "operator token file \(path): \(reason)"
            case .cannotCreateFile(let path, let reason): "cannot create operator token file \(path): \(reason)"
            }
        }
    }

    /// Short tokens are guessable; generated ones are 64 hex digits (256 bits).
    public static let minimumLength = 16
    /// The file name inside the data directory.
    public static let fileName = "operator-token"

    public let value: String

    /// - Throws: `Failure.unusable` when the token is too short or is not printable ASCII without spaces.
    public init(_ value: String) throws {
        guard value.utf8.count >= Self.minimumLength else {
            throw Failure.unusable(reason: "it must be at least \(Self.minimumLength) characters long")
        }
        guard value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw Failure.unusable(reason: "it must be printable ASCII without spaces")
        }
        self.value = value
    }

    /// A fresh random token: 32 bytes from the system's secure generator, as hex.
    public static func generate() -> OperatorToken {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
        // 64 hex digits always satisfy the rules.
        return try! OperatorToken(hex)
    }

    /// Whether `presented` is this token. The SHA-256 digests are compared in constant time, so
    /// timing reveals neither where the first difference is nor the token's length.
    public func matches(_ presented: String) -> Bool {
        let hash = { (text: String) -> [UInt8] in
            let hasher = SHA256Hasher()
            hasher.update(Data(text.utf8))
            return Array(hasher.finalizeHex().utf8)
        }
        return ConstantTime.equal(hash(value), hash(presented))
    }

    /// Never prints the secret.
    public var description: String { "OperatorToken(…)" }
}
