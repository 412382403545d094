/// What one send attempt came to.
public enum MailSendResult: Sendable, Equatable {
    /// The server (or the log) took the message.
    case sent
    /// A failure that may pass (connection refused, timeout, a 4xx SMTP reply): try again later.
    case retry(String)
    /// A failure that will not pass (a 5xx reply such as an unknown mailbox): do not try again.
    case rejected(String)
}
