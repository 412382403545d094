/// The SQLite database through the backend-neutral protocol: the same transactions as `read` and
/// `write`, handed out as `any SQLConnection`.
extension Database: SQLDatabase {
    public var dialect: SQLDialect { .sqlite }

    public var location: String { url.path }

    @discardableResult
    public func readTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try read { connection in try body(connection) }
    }

    @discardableResult
    public func writeTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try write { connection in try body(connection) }
    }

    /// SQLite has one writer, so a claim needs nothing beyond an ordinary write transaction.
    @discardableResult
    public func claimTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try write { connection in try body(connection) }
    }
}
