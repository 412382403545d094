import Storage

/// The `rate_buckets` table: the token bucket as one upsert, the same text on SQLite and
/// PostgreSQL (CASE instead of the dialects' different two-argument min/max).
enum RateLimitRecords {
    /// The bucket's tokens before this request: the old tokens plus any capacity added by a plan
    /// upgrade plus the refill since the last request, at most the capacity. `?2` is the capacity
    /// (requests per minute), `?3` now in ms.
    private static let available: String = {
        let grown = "rate_buckets.tokens + CASE WHEN ?2 > rate_buckets.capacity THEN ?2 - rate_buckets.capacity ELSE 0 END"
        let refill = "CASE WHEN ?3 > rate_buckets.updated_ms THEN (?3 - rate_buckets.updated_ms) * ?2 / 60000.0 ELSE 0 END"
        let sum = "(\(grown) + \(refill))"
        return "(CASE WHEN \(sum) > ?2 THEN ?2 WHEN \(sum) < 0 THEN 0 ELSE \(sum) END)"
    }()

    private static let consumeStatement = """
        INSERT INTO rate_buckets (key, tokens, capacity, updated_ms, last_allowed)
        VALUES (?1, CASE WHEN ?2 >= ?4 THEN ?2 - 1 ELSE ?2 END, ?2, ?3, CASE WHEN ?2 >= ?4 THEN 1 ELSE 0 END)
        ON CONFLICT (key) DO UPDATE SET
            tokens = CASE WHEN \(available) >= ?4 THEN \(available) - 1 ELSE \(available) END,
            last_allowed = CASE WHEN \(available) >= ?4 THEN 1 ELSE 0 END,
            capacity = ?2,
            updated_ms = CASE WHEN ?3 > rate_buckets.updated_ms THEN ?3 ELSE rate_buckets.updated_ms END
        RETURNING tokens, last_allowed
        """

    /// Takes a token from `key`'s bucket if it has one.
    ///
    /// - Returns: whether it had one, and the tokens left.
    static func consume(key: String, capacity: Double, now: Int64, _ connection: any SQLConnection) throws -> (allowed: Bool, tokens: Double) {
        let threshold = 1 - TokenBucket.tolerance
        guard let row = try connection.queryOne(consumeStatement, key, capacity, now, threshold) else {
            throw StorageError.missingColumn("tokens")
        }
        return (try row.int("last_allowed") == 1, max(0, try row.double("tokens")))
    }

    static func prune(before cutoff: Int64, _ connection: any SQLConnection) throws -> Int {
        try connection.run("DELETE FROM rate_buckets WHERE updated_ms < ?1", cutoff)
    }
}
