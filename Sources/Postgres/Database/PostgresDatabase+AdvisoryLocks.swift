import Foundation
import Storage

/// Advisory locks: mutual exclusion between nodes for work only one should do at a time
/// (sweepers, gallery seeding, migrations), named by a string (`PostgresAdvisoryLock.key`).
extension PostgresDatabase {
    /// Runs `body` while holding the session-level advisory lock `name`, waiting as long as
    /// another session holds it.
    ///
    /// The lock lives on one pooled connection for the whole of `body` (so `body` has one
    /// connection fewer to work with). `body` itself uses the database as usual.
    ///
    /// - Throws: `StorageError.advisoryLockLost` when that connection died while `body` ran (the
    ///   server then released the lock, so another node may have run too); what `body` throws.
    @discardableResult
    public func withAdvisoryLock<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try holdingSessionLock(name, wait: true, body)!
    }

    /// Like `withAdvisoryLock`, but returns nil at once, without running `body`, when another
    /// session holds the lock.
    @discardableResult
    public func withAdvisoryLockIfAvailable<T>(_ name: String, _ body: () throws -> T) throws -> T? {
        try holdingSessionLock(name, wait: false, body)
    }

    /// Runs `body` in a write transaction that first takes the transaction-level advisory lock
    /// `name` (released by the commit or rollback).
    ///
    /// The transaction is READ COMMITTED, not SERIALIZABLE: a serializable snapshot would be taken
    /// by the lock statement itself, before the wait, and then miss what the previous holder
    /// committed. Under READ COMMITTED every statement after the lock sees that work. Deadlocks
    /// are retried as in `writeTransaction`, so `body` must be safe to run again.
    @discardableResult
    public func writeTransactionHoldingAdvisoryLock<T>(_ name: String, _ body: (any SQLConnection) throws -> T) throws -> T {
        let key = PostgresAdvisoryLock.key(for: name)
        return try transaction(.claim) { connection in
            try connection.run("SELECT pg_advisory_xact_lock(?)", key)
            return try body(connection)
        }
    }

    private func holdingSessionLock<T>(_ name: String, wait: Bool, _ body: () throws -> T) throws -> T? {
        let key = PostgresAdvisoryLock.key(for: name)
        // The first statement on a pooled connection may find it dead (server restart): nothing
        // is held yet, so try once more on a fresh one.
        for attempt in 1...2 {
            do {
                return try pool.withConnection { connection -> T? in
                    do {
                        if wait {
                            try connection.run("SELECT pg_advisory_lock(?)", key)
                        } else if try connection.queryOne("SELECT pg_try_advisory_lock(?) AS taken", key)?.bool("taken") != true {
                            return nil
                        }
                    } catch where connection.isBroken && attempt == 1 {
                        throw DeadConnection()
                    }
                    let result: T
                    do {
                        result = try body()
                    } catch {
                        _ = try? connection.run("SELECT pg_advisory_unlock(?)", key)
                        throw error
                    }
                    do {
                        try connection.run("SELECT pg_advisory_unlock(?)", key)
                    } catch where connection.isBroken {
                        throw StorageError.advisoryLockLost(name: name)
                    }
                    return result
                }
            } catch is DeadConnection {
                counters.withLock { $0.reconnects += 1 }
            }
        }
        preconditionFailure("unreachable: the second attempt either returns or throws")
    }

    private struct DeadConnection: Error {}
}
