/// One plain-text e-mail to one recipient, as a domain module composes it (a password-reset or
/// verification link). The outbox stores it as given; a sender renders it (`RFC5322Message`).
public struct MailMessage: Sendable, Equatable {
    /// The recipient's address (already validated by whoever composed the message).
    public let to: String
    /// One line; CR and LF are removed when rendered, so a subject cannot inject headers.
    public let subject: String
    /// The body, plain text (UTF-8).
    public let text: String

    public init(to: String, subject: String, text: String) {
        self.to = to
        self.subject = subject
        self.text = text
    }
}
