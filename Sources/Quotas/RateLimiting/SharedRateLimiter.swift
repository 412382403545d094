import Common
import Foundation
import Storage

/// The request rate limit's token buckets in the shared database (`rate_buckets`), so every API
/// node draws from the same bucket: N nodes together allow exactly the plan's rate. Same
/// arithmetic as `RateLimiter` (burst of a whole minute, continuous refill, a plan change resizes
/// the bucket at once), one conditional upsert per request (`RateLimitRecords.consume`).
///
/// It costs one write per authenticated request, which a single node does not need: `serve`
/// uses it only when there are several nodes (a role other than `all`, or PostgreSQL). On
/// PostgreSQL that write is one autocommitted statement on an UNLOGGED table (Schema/postgresql/
/// 0016): no WAL flush to wait for while the bucket's row is locked, so one hot key is not held
/// to the disk's fsync rate.
public final class SharedRateLimiter: RequestRateLimiter {
    private let database: any SQLDatabase
    private let clock: any Clock

    public init(database: any SQLDatabase, clock: any Clock = .system) {
        self.database = database
        self.clock = clock
    }

    /// - Throws: `StorageError` when the database cannot be reached (the request then fails with
    ///   503 rather than going unmetered).
    public func consume(key: String, limitPerMinute: Int) throws -> RateLimitDecision {
        let capacity = Double(max(0, limitPerMinute))
        let now = clock.now.unixMilliseconds
        // One statement on one row: exact at READ COMMITTED (the row lock orders the nodes). Run
        // twice after a lost connection it takes two tokens: stricter, never looser.
        let (allowed, tokens) = try database.writeStatement { connection in
            try RateLimitRecords.consume(key: key, capacity: capacity, now: now, connection)
        }
        return TokenBucket.decision(allowed: allowed, tokens: tokens, capacity: capacity, limitPerMinute: limitPerMinute)
    }

    /// Deletes buckets idle for `idle` (they are full again, the state a missing bucket stands for).
    @discardableResult
    public func prune(idle: TimeInterval = 3600) throws -> Int {
        let cutoff = clock.now.addingTimeInterval(-idle).unixMilliseconds
        return try database.writeTransaction { try RateLimitRecords.prune(before: cutoff, $0) }
    }
}
