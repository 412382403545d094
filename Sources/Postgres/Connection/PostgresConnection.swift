import CPostgres
import Foundation
import Storage

/// One libpq connection. Like SQLite's `Connection`, it is used by one thread at a time: the pool
/// hands it to one closure, so it is deliberately not `Sendable` and must not escape that closure.
///
/// Statements are prepared once per connection (`PreparedStatements`) and run with
/// `PQexecPrepared`, `?` placeholders rewritten to `$n` once per SQL text, parameters typed
/// (`PostgresParameters`), results copied into `Row`s (`PostgresResultDecoder`). The server
/// re-plans a prepared statement by itself when a migration changes a table it reads; when it
/// refuses instead (the result's columns changed) or no longer has the statement, the
/// connection forgets it and the caller's transaction runs again, as after a conflict.
public final class PostgresConnection: SQLConnection {
    let handle: OpaquePointer
    let url: PostgresURL
    private let rewrites: RewrittenSQLCache
    private var prepared = PreparedStatements()

    /// Set when a statement of the current transaction failed with a serialization failure or a
    /// deadlock (SQLSTATE 40001/40P01), or the server refused its prepared form. The transaction
    /// runner reads it to retry even when the closure caught the error or wrapped it in a domain
    /// error.
    var sawRetryableConflict = false

    public var dialect: SQLDialect { .postgresql }

    /// Connects to `url`.
    ///
    /// - Throws: `StorageError.unavailable`, `.authenticationFailed`, `.databaseNotFound`.
    init(url: PostgresURL, rewrites: RewrittenSQLCache) throws {
        self.url = url
        self.rewrites = rewrites
        let parameters = url.connectionParameters()
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection: OpaquePointer? = (keywords.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { keywordList in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { valueList in
                PQconnectdbParams(keywordList.baseAddress, valueList.baseAddress, 0)
            }
        }
        guard let connection else {
            throw StorageError.unavailable(server: url.server, message: "libpq could not allocate a connection (out of memory)")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            let user = PQuser(connection).map { String(cString: $0) } ?? url.user ?? "(default)"
            PQfinish(connection)
            throw PostgresErrorMapping.connectError(message: message, user: user, url: url)
        }
        handle = connection
        // libpq prints NOTICEs ("relation … already exists, skipping") to stderr by default;
        // they are informational, and a server's stderr is for its own log lines.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit {
        PQfinish(handle)
    }

    /// True once the connection is unusable (the server went away or closed it); the pool
    /// drops such a connection instead of reusing it.
    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// True while a transaction is open (or failed and not yet rolled back).
    var isInTransaction: Bool { PQtransactionStatus(handle) != PQTRANS_IDLE }

    /// The server process serving this connection (`pg_backend_pid()`), for tests and logs.
    var backendPID: Int32 { PQbackendPID(handle) }

    @discardableResult
    public func run(_ sql: String, parameters: [any SQLBindable]) throws -> Int {
        try execute(sql, parameters) { result in
            Int(String(cString: PQcmdTuples(result))) ?? 0
        }
    }

    public func query(_ sql: String, parameters: [any SQLBindable]) throws -> [Row] {
        try execute(sql, parameters) { result in PostgresResultDecoder.rows(of: result) }
    }

    public func queryOne(_ sql: String, parameters: [any SQLBindable]) throws -> Row? {
        try execute(sql, parameters) { result in PostgresResultDecoder.rows(of: result, limit: 1).first }
    }

    /// Runs SQL without parameters, which may hold several `;`-separated statements (migration
    /// scripts, transaction control).
    func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result)
    }

    private func execute<T>(_ sql: String, _ parameters: [any SQLBindable], _ decode: (OpaquePointer) -> T) throws -> T {
        let statement = try rewrites.rewritten(sql)
        let values = parameters.map(\.sqlValue)
        guard values.count == statement.parameterCount else {
            throw StorageError.postgres(
                sqlstate: "07001", message: "statement expects \(statement.parameterCount) parameters, got \(values.count): \(sql)")
        }
        let encoded = PostgresParameters(values)
        let key = PreparedStatements.Key(text: statement.text, types: encoded.types)
        let name = try preparedName(for: key, parameters: encoded)
        let result = encoded.withArrays { _, pointers, lengths, formats in
            PQexecPrepared(handle, name, Int32(values.count), pointers, lengths, formats, 0)
        }
        defer { PQclear(result) }
        do {
            try check(result)
        } catch {
            if Self.invalidatesPreparedStatement(result) {
                prepared.forget(key)
                sawRetryableConflict = true
            }
            throw error
        }
        return decode(result!)
    }

    /// The name `key` is prepared under on this connection, preparing it first if needed.
    private func preparedName(for key: PreparedStatements.Key, parameters: PostgresParameters) throws -> String {
        if let name = prepared.name(for: key) { return name }
        if prepared.isFull {
            try executeScript("DEALLOCATE ALL")
            prepared.removeAll()
        }
        let name = prepared.nextName()
        let result = parameters.withArrays { types, _, _, _ in
            PQprepare(handle, name, key.text, Int32(key.types.count), types)
        }
        defer { PQclear(result) }
        try check(result)
        prepared.record(name, for: key)
        return name
    }

    /// Whether the server refused a prepared statement as such: it no longer exists (26000, e.g.
    /// `DEALLOCATE` by a pooler) or a migration changed the columns it returns (0A000 "cached
    /// plan must not change result type"). Preparing it again fixes either.
    private static func invalidatesPreparedStatement(_ result: OpaquePointer?) -> Bool {
        guard let result, let field = PQresultErrorField(result, stylify_pg_diag_sqlstate) else { return false }
        let sqlstate = String(cString: field)
        if sqlstate == "26000" { return true }
        guard sqlstate == "0A000", let primary = PQresultErrorField(result, stylify_pg_diag_message_primary) else { return false }
        return String(cString: primary).hasPrefix("cached plan must not change result type")
    }

    /// Throws the mapped error unless `result` is a success; notes conflicts for the retry loop.
    private func check(_ result: OpaquePointer?) throws {
        if let result {
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return }
        }
        let sqlstate = result.flatMap { PQresultErrorField($0, stylify_pg_diag_sqlstate) }.map { String(cString: $0) }
        let primary = result.flatMap { PQresultErrorField($0, stylify_pg_diag_message_primary) }.map { String(cString: $0) }
        let message = primary ?? String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
        if let sqlstate, PostgresErrorMapping.retryableStates.contains(sqlstate) { sawRetryableConflict = true }
        throw PostgresErrorMapping.statementError(sqlstate: sqlstate, message: message, connectionBroken: isBroken, url: url)
    }
}
