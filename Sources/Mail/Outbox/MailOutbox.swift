import Foundation
import Storage

/// The write side of the outbox for domain modules: a message is inserted inside the caller's
/// own transaction (the one that issues the token it carries), so the mail exists exactly when
/// the token does, and survives a crash before it is sent. `notify()` after the commit wakes the
/// dispatcher; without one running, messages wait in the table for the next `MailService.start()`.
public struct MailOutbox: Sendable {
    let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    /// An outbox nobody dispatches from in this process (tools, tests of other modules).
    public static let unattended = MailOutbox(wake: {})

    /// Adds `message` in `connection`'s transaction.
    ///
    /// - Returns: its outbox id (`mail_…`).
    @discardableResult
    public func enqueue(_ message: MailMessage, now: Date = Date(), in connection: any SQLConnection) throws -> String {
        let id = "mail_" + (try SecureRandom.base62(length: 24))
        try MailRecords.insert(message, id: id, now: now, connection)
        return id
    }

    /// Tells the dispatcher that new messages were committed.
    public func notify() {
        wake()
    }
}
