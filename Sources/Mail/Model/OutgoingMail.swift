import Foundation

/// A message claimed from the outbox for one attempt: its outbox id (also its `Message-ID`'s
/// local part, the same on every retry) and which attempt this is.
public struct OutgoingMail: Sendable, Equatable {
    public let id: String
    public let message: MailMessage
    public let attempt: Int
    public let createdAt: Date

    public init(id: String, message: MailMessage, attempt: Int, createdAt: Date) {
        self.id = id
        self.message = message
        self.attempt = attempt
        self.createdAt = createdAt
    }
}
