import Foundation

/// An SQLite database file opened for one process: one writer connection (writes are serialised
/// with `BEGIN IMMEDIATE`, so concurrent writers from other processes queue on the busy timeout
/// instead of failing mid-transaction) and a small pool of reader connections.
///
/// Opening applies pending migrations from the schema directory. Several processes (the server
/// and the `stylify admin` CLI) may open the same file at once.
///
/// Calls block the calling thread; do not call `write` from inside a `write` closure.
public final class Database: @unchecked Sendable {
    /// How a database is opened.
    public struct Configuration: Sendable {
        /// Reader connections kept open; reads beyond this wait for a free one.
        public var readerCount: Int = 4
        /// How long a writer waits for another process's write lock before `StorageError.busy`.
        public var busyTimeout: TimeInterval = 5
        /// Create the file when missing (the server does; the admin CLI does not).
        public var createIfMissing: Bool = true
        /// Where the `NNNN_name.sql` migrations live; nil means `SchemaLocator` finds them.
        public var schemaDirectory: URL?

        public init(readerCount: Int = 4, busyTimeout: TimeInterval = 5, createIfMissing: Bool = true, schemaDirectory: URL? = nil) {
            self.readerCount = readerCount
            self.busyTimeout = busyTimeout
            self.createIfMissing = createIfMissing
            self.schemaDirectory = schemaDirectory
        }
    }

    /// The database file.
    public let url: URL
    /// The migrations applied by this open, in order (empty when the schema was current).
    public let newlyAppliedMigrations: [Migration]

    private let writerLock = NSLock()
    private let writer: Connection
    private let readers: ReaderPool

    /// Opens (or creates) the database at `url` and brings its schema up to date.
    ///
    /// - Throws: `StorageError.fileNotFound`, `.notADatabase`, `.corrupt`, `.readOnly`,
    ///   `.cannotOpen`, `.schemaDirectoryNotFound`, `.migrationEdited`, `.migrationFailed`, ...
    public init(url: URL, configuration: Configuration = Configuration()) throws {
        self.url = url
        let path = url.path
        if !configuration.createIfMissing, !FileManager.default.fileExists(atPath: path) {
            throw StorageError.fileNotFound(path: path)
        }
        let timeout = Int32(max(0, min(configuration.busyTimeout * 1000, Double(Int32.max))))
        let schema = try SchemaLocator.locate(explicit: configuration.schemaDirectory)
        let migrations = try Migration.load(from: schema)

        writer = try Connection(path: path, readOnly: false, create: configuration.createIfMissing, busyTimeoutMilliseconds: timeout)
        newlyAppliedMigrations = try Migrator(migrations: migrations).migrate(writer)
        readers = ReaderPool(try (0..<max(1, configuration.readerCount)).map { _ in
            try Connection(path: path, readOnly: true, create: false, busyTimeoutMilliseconds: timeout)
        })
    }

    /// Runs `body` in a read transaction on a reader connection: it sees one consistent snapshot
    /// and never waits for writers.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withConnection { connection in
            try connection.execute("BEGIN DEFERRED")
            do {
                let result = try body(connection)
                try connection.execute("COMMIT")
                return result
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Cheap liveness probe for readiness checks: one trivial read on a reader connection.
    public func ping() throws {
        try read { connection in _ = try connection.queryOne("SELECT 1 AS ok") }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer connection and commits it;
    /// any error thrown by `body` rolls everything back.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        return try writer.transaction(body)
    }
}
