/// Which limit a counted attempt belongs to, in the shared `login_failures` table.
enum ThrottleName: String, Sendable {
    /// Wrong passwords (login, and the current password of a change).
    case login
    /// Reset and verification mails asked for.
    case recoveryMail = "recovery_mail"
    /// Malformed, unknown, used or expired reset and verification tokens.
    case recoveryToken = "recovery_token"
}
