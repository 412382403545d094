/// One database connection inside a transaction, as both backends offer it: statements with `?`
/// parameters (`?NNN` numbers one explicitly, as in SQLite) bound from `SQLBindable` values, and
/// results as `Row`s with the same typed accessors.
///
/// A connection belongs to the closure it was handed to (`SQLDatabase.readTransaction` and
/// friends): it is used by one thread at a time and must not escape the closure.
public protocol SQLConnection: AnyObject {
    /// The SQL language of this connection.
    var dialect: SQLDialect { get }

    /// Runs a statement that returns no rows (or whose rows are not needed) and returns the
    /// number of rows it changed.
    @discardableResult
    func run(_ sql: String, parameters: [any SQLBindable]) throws -> Int

    /// Runs a query and returns all its rows.
    func query(_ sql: String, parameters: [any SQLBindable]) throws -> [Row]

    /// Runs a query and returns its first row, or nil when there is none.
    func queryOne(_ sql: String, parameters: [any SQLBindable]) throws -> Row?
}

extension SQLConnection {
    /// Runs a statement with its parameters listed inline; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: String, _ parameters: any SQLBindable...) throws -> Int {
        try run(sql, parameters: parameters)
    }

    /// Runs a query with its parameters listed inline and returns all its rows.
    public func query(_ sql: String, _ parameters: any SQLBindable...) throws -> [Row] {
        try query(sql, parameters: parameters)
    }

    /// Runs a query with its parameters listed inline and returns its first row, if any.
    public func queryOne(_ sql: String, _ parameters: any SQLBindable...) throws -> Row? {
        try queryOne(sql, parameters: parameters)
    }

    /// Runs `body` inside a savepoint: an error thrown by `body` undoes only what `body` did and is
    /// rethrown, and the surrounding transaction stays usable.
    ///
    /// Needed where a transaction catches a failed statement and carries on: PostgreSQL aborts the
    /// whole transaction on any error (every later statement fails with SQLSTATE 25P02), SQLite
    /// only undoes the failed statement. With a savepoint both behave like SQLite.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try run("SAVEPOINT stylify_savepoint", parameters: [])
        do {
            let result = try body()
            try run("RELEASE SAVEPOINT stylify_savepoint", parameters: [])
            return result
        } catch {
            _ = try? run("ROLLBACK TO SAVEPOINT stylify_savepoint", parameters: [])
            _ = try? run("RELEASE SAVEPOINT stylify_savepoint", parameters: [])
            throw error
        }
    }
}
