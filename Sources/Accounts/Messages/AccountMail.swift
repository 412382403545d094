import Foundation
import Mail

/// The messages Accounts sends, with links into the web app (`#/reset-password?token=…`,
/// `#/verify-email?token=…`) under the server's public URL.
enum AccountMail {
    static func passwordReset(to email: String, token: String, base: String, lifetime: TimeInterval) -> MailMessage {
        let link = "\(trimmed(base))/#/reset-password?token=\(token)"
        return MailMessage(to: email, subject: "Reset your Stylify password", text: """
            Someone (we hope you) asked to reset the password of the Stylify account for \(email).

            Choose a new password here (the link works once, for \(minutes(lifetime))):
            \(link)

            Or send the token with POST /v1/password-resets/complete:
            \(token)

            Resetting signs out every session of this account; API keys keep working.
            If you did not ask for this, ignore this message: your password stays as it is.
            """)
    }

    static func verification(to email: String, token: String, base: String, lifetime: TimeInterval) -> MailMessage {
        let link = "\(trimmed(base))/#/verify-email?token=\(token)"
        return MailMessage(to: email, subject: "Verify your e-mail address for Stylify", text: """
            Welcome to Stylify! Please confirm that \(email) is yours (the link works once, for \(minutes(lifetime))):
            \(link)

            Or send the token with POST /v1/email-verifications:
            \(token)

            Until the address is verified, a free account can render only a few frames.
            If you did not sign up, ignore this message.
            """)
    }

    private static func trimmed(_ base: String) -> String {
        base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    private static func minutes(_ lifetime: TimeInterval) -> String {
        let minutes = Int((lifetime / 60).rounded())
        return minutes >= 120 && minutes % 60 == 0 ? "\(minutes / 60) hours" : "\(minutes) minutes"
    }
}
