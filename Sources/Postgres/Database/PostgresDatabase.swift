import Common
import Foundation
import Storage

/// A PostgreSQL database shared by several Stylify nodes, behind the same `SQLDatabase` protocol
/// as SQLite's `Database`.
///
/// - Reads run `REPEATABLE READ READ ONLY`: one consistent snapshot, like an SQLite read.
/// - Writes run `SERIALIZABLE`, so concurrent admission checks (count, then insert) stay exact
///   across nodes; a transaction that loses a race (SQLSTATE 40001, or a deadlock, 40P01) is
///   rolled back and its closure run again, up to `Configuration.maximumAttempts` times with a
///   short jittered backoff, then `StorageError.busy`. **Write closures must be safe to run
///   again**: they may only change the database and the value they return.
/// - Claims (`claimTransaction`) run `READ COMMITTED` for `SELECT … FOR UPDATE SKIP LOCKED`.
///
/// Connections come from a bounded pool (`Configuration.maximumConnections`); a transaction that
/// finds its pooled connection dead before it began (after a server restart) reconnects once and
/// carries on, so only work that was in flight when the server went away fails
/// (`StorageError.unavailable`).
///
/// Opening connects once (so a wrong URL, password or database fails here, with one clear
/// sentence) and applies pending migrations from `Schema/postgresql/` under an advisory lock, so
/// nodes starting together apply each migration exactly once.
public final class PostgresDatabase: SQLDatabase {
    /// How a PostgreSQL database is opened and used.
    public struct Configuration: Sendable {
        /// Connections kept at most (each is one server process); callers beyond this wait. A
        /// read inside a write closure opens a second connection past this rather than wait.
        public var maximumConnections: Int
        /// How long a caller waits for a free connection before `StorageError.busy`.
        public var connectionWaitLimit: TimeInterval
        /// Runs of a write closure at most when transactions keep conflicting.
        public var maximumAttempts: Int
        /// The schema directory (its `postgresql/` folder holds this dialect's migrations); nil
        /// means `SchemaLocator` finds it.
        public var schemaDirectory: URL?

        public init(maximumConnections: Int = 8, connectionWaitLimit: TimeInterval = 10, maximumAttempts: Int = 10, schemaDirectory: URL? = nil) {
            self.maximumConnections = maximumConnections
            self.connectionWaitLimit = connectionWaitLimit
            self.maximumAttempts = maximumAttempts
            self.schemaDirectory = schemaDirectory
        }
    }

    /// What the transaction runner has had to do since the database was opened.
    public struct Statistics: Sendable, Equatable {
        /// Transactions rolled back after a serialization failure or deadlock and run again.
        public var conflictRetries = 0
        /// Transactions that still conflicted on their last attempt (answered `busy`).
        public var conflictsGivenUp = 0
        /// Transactions that found their pooled connection dead and reconnected before starting.
        public var reconnects = 0
    }

    /// The database's URL (its `description` hides the password).
    public let url: PostgresURL
    public let newlyAppliedMigrations: [Migration]
    let configuration: Configuration
    let pool: PostgresConnectionPool
    let counters = Locked(Statistics())

    public var dialect: SQLDialect { .postgresql }
    public var location: String { url.description }
    public var statistics: Statistics { counters.withLock { $0 } }

    /// Opens the database `url` names and brings its schema up to date.
    ///
    /// - Throws: `StorageError.invalidDatabaseURL`, `.unavailable`, `.authenticationFailed`,
    ///   `.databaseNotFound`, `.schemaDirectoryNotFound`, `.migrationEdited`, `.migrationFailed`, …
    public convenience init(url: String, configuration: Configuration = Configuration()) throws {
        try self.init(url: PostgresURL(url), configuration: configuration)
    }

    public init(url: PostgresURL, configuration: Configuration = Configuration()) throws {
        self.url = url
        self.configuration = configuration
        let migrations = try Migration.load(from: SchemaLocator.locate(explicit: configuration.schemaDirectory, dialect: .postgresql))
        pool = PostgresConnectionPool(url: url, capacity: configuration.maximumConnections, waitLimit: configuration.connectionWaitLimit)
        newlyAppliedMigrations = try PostgresMigrator(migrations: migrations).migrate(pool)
    }

    @discardableResult
    public func readTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(.read) { connection in try body(connection) }
    }

    @discardableResult
    public func writeTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(.write) { connection in try body(connection) }
    }

    @discardableResult
    public func claimTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(.claim) { connection in try body(connection) }
    }

    public func ping() throws {
        try readTransaction { connection in _ = try connection.queryOne("SELECT 1 AS ok") }
    }

    /// Closes the idle connections now rather than when the database is deallocated.
    public func closeIdleConnections() {
        pool.closeIdle()
    }
}
