/// A database both backends implement, so that a module's queries are written once: SQLite
/// (`Database`, one file, one writer) and PostgreSQL (`PostgresDatabase` in the Postgres module,
/// shared by several nodes).
///
/// Calls block the calling thread. A transaction closure gets a connection that must not escape
/// it; do not open a write transaction from inside another one.
///
/// **Write closures must be safe to run more than once.** PostgreSQL runs write transactions
/// SERIALIZABLE and re-runs the closure (after rolling back) when the server reports a
/// serialization failure or deadlock; SQLite runs it exactly once. So a closure may only change
/// the database and values it returns — no sending e-mails, no appending to a captured array it
/// does not reset, no side effects that a rollback cannot undo.
public protocol SQLDatabase: AnyObject, Sendable {
    /// The SQL language this database speaks.
    var dialect: SQLDialect { get }

    /// Where the data lives, for logs and error messages: the SQLite file's path, or the
    /// PostgreSQL URL without its password.
    var location: String { get }

    /// The migrations this open applied, in order (empty when the schema was current).
    var newlyAppliedMigrations: [Migration] { get }

    /// Runs `body` in a read-only transaction that sees one consistent snapshot of committed data.
    @discardableResult
    func readTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T

    /// Runs `body` in a write transaction and commits it; an error thrown by `body` rolls
    /// everything back. Concurrent write transactions behave as if they ran one after another
    /// (SQLite: one writer; PostgreSQL: SERIALIZABLE with bounded retry), so a count-then-insert
    /// admission check inside one is exact.
    ///
    /// - Throws: `StorageError.busy` when the transaction could not commit in time (SQLite: the
    ///   write lock was held past the busy timeout; PostgreSQL: conflicts persisted through every
    ///   retry), and whatever `body` throws.
    @discardableResult
    func writeTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T

    /// Runs `body` in a write transaction meant for claiming queued rows: PostgreSQL uses READ
    /// COMMITTED, where `SELECT … FOR UPDATE SKIP LOCKED` lets several workers each take a
    /// different row without conflicts; SQLite (one writer) runs it like `writeTransaction`.
    /// Only use it for statements that stay correct without serializable isolation.
    @discardableResult
    func claimTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T

    /// Runs `body`, which issues exactly one read-only statement, as that statement's own
    /// transaction. One statement sees one consistent snapshot on both backends, so this reads
    /// what `readTransaction` would; PostgreSQL saves the BEGIN and COMMIT round trips, which on
    /// a hot path (`GET /v1/me`'s usage) cost more than the query.
    @discardableResult
    func readStatement<T>(_ body: (any SQLConnection) throws -> T) throws -> T

    /// Runs `body`, which issues exactly one statement that stays correct at READ COMMITTED (a
    /// single-row upsert whose row lock orders concurrent callers), as that statement's own
    /// transaction: PostgreSQL commits it with the statement, so the row lock is held only while
    /// it runs rather than across two more round trips. After a lost connection it may run again
    /// on a fresh one, so the statement must tolerate having run twice.
    @discardableResult
    func writeStatement<T>(_ body: (any SQLConnection) throws -> T) throws -> T

    /// Cheap liveness probe for readiness checks: one trivial query.
    func ping() throws
}

/// A backend without cheaper single-statement transactions runs them as ordinary ones.
extension SQLDatabase {
    @discardableResult
    public func readStatement<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try readTransaction(body)
    }

    @discardableResult
    public func writeStatement<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try claimTransaction(body)
    }
}
