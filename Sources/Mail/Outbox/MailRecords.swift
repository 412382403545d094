import Common
import Foundation
import Storage

/// The SQL of the outbox (table `mail_outbox`, `Schema/0013_account_recovery.sql`). Portable.
/// Times are Unix milliseconds, as for webhook deliveries. A message's body is blanked once it
/// was sent or failed for good: it may hold a single-use link, which must not outlive its need.
enum MailRecords {
    static func insert(_ message: MailMessage, id: String, now: Date, _ connection: any SQLConnection) throws {
        let nowMs = now.unixMilliseconds
        try connection.run(
            """
            INSERT INTO mail_outbox (id, recipient, subject, body, status, attempts, next_attempt_at, created_at)
            VALUES (?1, ?2, ?3, ?4, 'pending', 0, ?5, ?5)
            """, id, message.to, message.subject, message.text, nowMs)
    }

    /// Takes the message due longest ago: counts the attempt and moves its due time to the end of
    /// the lease, so it is sent again only if this attempt never reports back. Conditional on the
    /// attempt count read, so two dispatchers never both take it.
    static func claim(now: Date, lease: TimeInterval, _ connection: any SQLConnection) throws -> OutgoingMail? {
        let nowMs = now.unixMilliseconds
        guard let row = try connection.queryOne(
            """
            SELECT id, recipient, subject, body, attempts, created_at FROM mail_outbox
            WHERE status = 'pending' AND next_attempt_at <= ?1
            ORDER BY next_attempt_at, seq LIMIT 1
            """, nowMs) else { return nil }
        let id = try row.string("id")
        let attempt = try row.int("attempts") + 1
        guard try connection.run(
            """
            UPDATE mail_outbox SET attempts = ?2, next_attempt_at = ?3, last_attempt_at = ?4
            WHERE id = ?1 AND attempts = ?5 AND status = 'pending'
            """, id, attempt, nowMs + Int64(lease * 1000), nowMs, attempt - 1) > 0
        else { return nil }
        return OutgoingMail(
            id: id,
            message: MailMessage(to: try row.string("recipient"), subject: try row.string("subject"), text: try row.string("body")),
            attempt: attempt, createdAt: Date(timeIntervalSince1970: Double(try row.int("created_at")) / 1000))
    }

    /// Records an attempt: sent, due again at `retryAt`, or (no `retryAt`) failed for good.
    static func record(_ mail: OutgoingMail, status: MailStatus, error: String?, retryAt: Date?, now: Date,
                       _ connection: any SQLConnection) throws {
        let nowMs = now.unixMilliseconds
        let finished = status != .pending
        try connection.run(
            """
            UPDATE mail_outbox
            SET status = ?3, last_error = ?4, next_attempt_at = ?5, finished_at = ?6,
                body = CASE WHEN ?3 = 'pending' THEN body ELSE '' END
            WHERE id = ?1 AND attempts = ?2 AND status = 'pending'
            """, mail.id, mail.attempt, status.rawValue, error, retryAt.map(\.unixMilliseconds) ?? nowMs, finished ? nowMs : nil)
    }

    /// Gives back a claim whose attempt was cut short by a stop: it does not count.
    static func release(_ mail: OutgoingMail, now: Date, _ connection: any SQLConnection) throws {
        try connection.run(
            """
            UPDATE mail_outbox SET attempts = attempts - 1, next_attempt_at = ?3
            WHERE id = ?1 AND attempts = ?2 AND status = 'pending'
            """, mail.id, mail.attempt, now.unixMilliseconds)
    }

    /// When the earliest pending message is due (Unix ms).
    static func nextDue(_ connection: any SQLConnection) throws -> Int64? {
        try connection.queryOne("SELECT MIN(next_attempt_at) AS due FROM mail_outbox WHERE status = 'pending'")
            .flatMap { try $0.optionalInt("due") }.map(Int64.init)
    }

    /// Removes messages sent or failed before `date`; pending ones are never removed.
    static func purge(finishedBefore date: Date, _ connection: any SQLConnection) throws -> Int {
        try connection.run("DELETE FROM mail_outbox WHERE status <> 'pending' AND finished_at < ?1", date.unixMilliseconds)
    }

    /// One message's state, for operators and tests.
    static func status(of id: String, _ connection: any SQLConnection) throws -> MailRecord? {
        try connection.queryOne(
            "SELECT id, recipient, subject, status, attempts, last_error FROM mail_outbox WHERE id = ?1", id
        ).map(MailRecord.init(row:))
    }

    /// The newest messages first.
    static func recent(limit: Int, _ connection: any SQLConnection) throws -> [MailRecord] {
        try connection.query(
            "SELECT id, recipient, subject, status, attempts, last_error FROM mail_outbox ORDER BY seq DESC LIMIT ?1", limit
        ).map(MailRecord.init(row:))
    }
}
