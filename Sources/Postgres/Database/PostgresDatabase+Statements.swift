import Storage

extension PostgresDatabase {
    /// The statement may simply run again: the connection broke, or the server refused the
    /// connection's prepared form of it.
    private struct RunAgain: Error {
        let lostConnection: Bool
    }

    /// One statement in autocommit mode (no BEGIN/COMMIT): one round trip instead of three, and a
    /// row lock held only while the statement runs. Run once more, and only once, when the
    /// connection turns out dead (the server restarted since it was pooled: it is replaced, as
    /// `transaction` does at BEGIN, and the statement may have run on the old one too) or its
    /// prepared statement was invalidated. A single statement at READ COMMITTED on one row does
    /// not fail to serialize, so there is no conflict loop here.
    private func autocommit<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        var ranAgain = false
        while true {
            do {
                return try pool.withConnection { connection in
                    connection.sawRetryableConflict = false
                    do {
                        return try body(connection)
                    } catch {
                        guard !ranAgain, connection.isBroken || connection.sawRetryableConflict else { throw error }
                        throw RunAgain(lostConnection: connection.isBroken)
                    }
                }
            } catch let again as RunAgain {
                ranAgain = true
                if again.lostConnection { counters.withLock { $0.reconnects += 1 } }
            }
        }
    }

    @discardableResult
    public func readStatement<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try autocommit { connection in try body(connection) }
    }

    @discardableResult
    public func writeStatement<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try autocommit { connection in try body(connection) }
    }
}
