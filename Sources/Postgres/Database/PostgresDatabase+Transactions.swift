import Foundation
import Storage

extension PostgresDatabase {
    /// The three kinds of transaction and how each begins.
    enum TransactionKind {
        case read, write, claim

        var begin: String {
            switch self {
            case .read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            case .write: "BEGIN ISOLATION LEVEL SERIALIZABLE"
            case .claim: "BEGIN ISOLATION LEVEL READ COMMITTED"
            }
        }
    }

    /// The closure's work conflicted with a concurrent transaction; it may run again.
    private struct RetryableConflict: Error {}

    /// The pooled connection was dead before the transaction began: nothing ran, so it is safe to
    /// start over on a fresh connection.
    private struct DeadBeforeBegin: Error {
        let error: Error
    }

    /// Runs `body` in a transaction of `kind` on a pooled connection: commits on success, rolls
    /// back on any error, re-runs after a serialization failure or deadlock (bounded, with
    /// jittered backoff) and reconnects once when the connection turns out dead at `BEGIN`.
    @discardableResult
    func transaction<T>(_ kind: TransactionKind, _ body: (PostgresConnection) throws -> T) throws -> T {
        var attempt = 1
        var reconnected = false
        while true {
            do {
                return try pool.withConnection { connection in
                    do {
                        try connection.executeScript(kind.begin)
                    } catch {
                        if connection.isBroken { throw DeadBeforeBegin(error: error) }
                        throw error
                    }
                    connection.sawRetryableConflict = false
                    do {
                        let result = try body(connection)
                        try connection.executeScript("COMMIT")
                        return result
                    } catch {
                        if !connection.isBroken { try? connection.executeScript("ROLLBACK") }
                        if connection.sawRetryableConflict { throw RetryableConflict() }
                        throw error
                    }
                }
            } catch let dead as DeadBeforeBegin {
                guard !reconnected else { throw dead.error }
                reconnected = true
                counters.withLock { $0.reconnects += 1 }
            } catch is RetryableConflict {
                guard attempt < configuration.maximumAttempts else {
                    counters.withLock { $0.conflictsGivenUp += 1 }
                    throw StorageError.busy
                }
                counters.withLock { $0.conflictRetries += 1 }
                usleep(Self.backoffMicroseconds(attempt: attempt))
                attempt += 1
            }
        }
    }

    /// Full jitter over an exponentially growing window (1 ms, 2 ms, 4 ms … capped at 64 ms), so
    /// two transactions that conflicted do not collide again in lockstep.
    static func backoffMicroseconds(attempt: Int) -> UInt32 {
        let window = 1_000 << min(max(attempt - 1, 0), 6)
        return UInt32(Int.random(in: 100...window))
    }
}
