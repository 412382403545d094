import Foundation

extension Connection {
    /// `BEGIN IMMEDIATE` takes the write lock up front, so a transaction never fails half-way
    /// with SQLITE_BUSY when it upgrades from reading to writing.
    func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
