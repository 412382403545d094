import CSQLite
import Foundation

/// One SQLite connection with its prepared-statement cache. A connection is used by one thread at
/// a time: `Database` hands it to a closure while holding the writer lock or a reader slot, so it
/// is deliberately not `Sendable` and must not escape that closure.
public final class Connection {
    private let handle: OpaquePointer
    /// The database file, for error messages.
    public let path: String
    private var statements: [String: Statement] = [:]
    /// SQL in this codebase is written as literals, so the cache stays small; the cap only guards
    /// against a caller that builds SQL dynamically.
    private static let statementCacheLimit = 128

    init(path: String, readOnly: Bool, create: Bool, busyTimeoutMilliseconds: Int32) throws {
        self.path = path
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if create { flags |= SQLITE_OPEN_CREATE }
        var database: OpaquePointer?
        let code = sqlite3_open_v2(path, &database, flags, nil)
        guard code == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(database)
            throw Connection.error(code: code, message: message, path: path)
        }
        handle = database
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)

        // SQLite silently falls back to read-only when the file cannot be written; a server that
        // discovers this on its first sign-up is worse than one that refuses to start.
        if sqlite3_db_readonly(handle, "main") == 1 {
            throw StorageError.readOnly(path: path)
        }
        if readOnly {
            try execute("PRAGMA query_only = ON")
        } else {
            // Reading the journal mode is the first access to the file header, so garbage files
            // fail here with SQLITE_NOTADB.
            let mode = try retryingWhileBusy(for: busyTimeoutMilliseconds) {
                try query("PRAGMA journal_mode = WAL").first.flatMap { try $0.optionalString("journal_mode") }
            }
            guard mode?.lowercased() == "wal" else {
                throw StorageError.cannotOpen(path: path, message: "could not switch to WAL journal mode (got \(mode ?? "nothing"))")
            }
        }
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
        // Readers must touch the file too, so a corrupted file fails at open, not on first use.
        _ = try query("SELECT count(*) FROM sqlite_schema")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs a statement that returns no rows (or whose rows are not needed) and returns the number
    /// of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ parameters: any SQLBindable...) throws -> Int {
        try run(sql, parameters: parameters)
    }

    @discardableResult
    public func run(_ sql: String, parameters: [any SQLBindable]) throws -> Int {
        try withStatement(sql, parameters) { statement in
            while try statement.step(errorFor: error(code:)) {}
        }
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query and returns all its rows.
    public func query(_ sql: String, _ parameters: any SQLBindable...) throws -> [Row] {
        try query(sql, parameters: parameters)
    }

    public func query(_ sql: String, parameters: [any SQLBindable]) throws -> [Row] {
        try withStatement(sql, parameters) { statement in
            var rows: [Row] = []
            while try statement.step(errorFor: error(code:)) {
                rows.append(statement.currentRow())
            }
            return rows
        }
    }

    /// Runs a query and returns its first row, or nil when there is none.
    public func queryOne(_ sql: String, _ parameters: any SQLBindable...) throws -> Row? {
        try queryOne(sql, parameters: parameters)
    }

    public func queryOne(_ sql: String, parameters: [any SQLBindable]) throws -> Row? {
        try withStatement(sql, parameters) { statement in
            try statement.step(errorFor: error(code:)) ? statement.currentRow() : nil
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs several `;`-separated statements without parameters (migration scripts). Not cached.
    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            throw Connection.error(code: code, message: text, path: path)
        }
    }

    func execute(_ sql: String) throws {
        try run(sql, parameters: [])
    }

    private func withStatement<T>(_ sql: String, _ parameters: [any SQLBindable], _ body: (Statement) throws -> T) throws -> T {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(parameters.map(\.sqlValue), errorFor: error(code:))
        return try body(statement)
    }

    private func prepared(_ sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try Statement(database: handle, sql: sql, errorFor: error(code:))
        if statements.count >= Self.statementCacheLimit { statements.removeAll() }
        statements[sql] = statement
        return statement
    }

    /// Switching a new file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once
    /// (without its busy handler) when several processes open the same new database together, so
    /// the switch is retried here for as long as the busy timeout allows.
    private func retryingWhileBusy<T>(for milliseconds: Int32, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
        while true {
            do {
                return try body()
            } catch StorageError.busy where Date() < deadline {
                usleep(10_000)
            }
        }
    }

    private func error(code: Int32) -> StorageError {
        Connection.error(code: code, message: String(cString: sqlite3_errmsg(handle)), path: path)
    }

    static func error(code: Int32, message: String, path: String) -> StorageError {
        switch code & 0xff {
        case SQLITE_CONSTRAINT: .constraintViolation(message: message)
        case SQLITE_BUSY, SQLITE_LOCKED: .busy
        case SQLITE_NOTADB: .notADatabase(path: path)
        case SQLITE_CORRUPT: .corrupt(path: path, message: message)
        case SQLITE_READONLY: .readOnly(path: path)
        case SQLITE_CANTOPEN: .cannotOpen(path: path, message: message)
        default: .sqlite(code: code, message: message)
        }
    }
}
