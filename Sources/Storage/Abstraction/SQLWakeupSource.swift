import Foundation

/// A database that can wake sleepers on other nodes when work appears: PostgreSQL's
/// `LISTEN`/`NOTIFY`. SQLite does not conform (its sleepers are in one process, which wakes them
/// itself, and other processes poll the file); callers check with `as? any SQLWakeupSource`.
///
/// A wake-up is a hint, not a delivery guarantee: one sent while a listener was reconnecting is
/// lost, so whoever sleeps on it still polls now and then.
public protocol SQLWakeupSource: SQLDatabase {
    /// A listener on `channel` with its own connection. The senders are statements the module's
    /// dialect file names (PostgreSQL: `SELECT pg_notify(channel, '')` in the transaction whose
    /// commit makes the work visible).
    func makeWakeupListener(channel: String) throws -> any SQLWakeupListener
}

/// Waits for wake-ups on one channel (see `SQLWakeupSource`). One thread waits at a time.
public protocol SQLWakeupListener: AnyObject, Sendable {
    /// Sleeps up to `timeout` seconds. True when woken — or when the listener lost its connection
    /// and listens again, so wake-ups in between may be lost and the caller should look for work
    /// once; false when the timeout passed quietly.
    ///
    /// - Throws: the database's connect errors when the connection is lost and cannot be made
    ///   again; the next call tries again.
    func waitForWakeup(timeout: TimeInterval) throws -> Bool

    /// Closes the listener's connection.
    func close()
}
