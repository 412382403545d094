import Storage

/// An outbox message as stored (without its body), for operators and tests.
public struct MailRecord: Sendable, Equatable {
    public let id: String
    public let recipient: String
    public let subject: String
    public let status: MailStatus
    public let attempts: Int
    public let lastError: String?

    init(row: Row) throws {
        id = try row.string("id")
        recipient = try row.string("recipient")
        subject = try row.string("subject")
        status = MailStatus(rawValue: try row.string("status")) ?? .pending
        attempts = try row.int("attempts")
        lastError = try row.optionalString("last_error")
    }
}
