/// Hands one message to whatever delivers mail. Two real implementations: `SMTPSender` (libcurl
/// to an SMTP server) and `LogSender` (a file and a log line, for a local operator). Called from
/// the outbox dispatcher's thread, one message at a time; may block up to its own timeouts.
public protocol MailSender: Sendable {
    /// The sender's `From:` address, as written into every message.
    var from: String { get }
    func send(_ mail: OutgoingMail) -> MailSendResult
}
