import Storage

/// The single-use tokens mailed to users: `rst_` (password reset) or `evt_` (e-mail verification)
/// + 43 random base62 characters (≥ 256 bits). Only their SHA-256 is stored; the prefix lets an
/// endpoint refuse the other kind (or a typo) without a database read.
public enum AccountTokenPurpose: String, Sendable, CaseIterable {
    case passwordReset = "password_reset"
    case emailVerification = "email_verification"

    var prefix: String {
        switch self {
        case .passwordReset: "rst_"
        case .emailVerification: "evt_"
        }
    }

    static let randomLength = 43

    func generate() throws -> String {
        prefix + (try SecureRandom.base62(length: Self.randomLength))
    }

    func isWellFormed(_ token: String) -> Bool {
        let bytes = token.utf8
        guard bytes.count == prefix.utf8.count + Self.randomLength, token.hasPrefix(prefix) else { return false }
        return Base62.isBase62(bytes.dropFirst(prefix.utf8.count))
    }
}
