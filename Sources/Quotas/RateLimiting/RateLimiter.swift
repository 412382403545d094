import Common
import Foundation

/// Requests per minute per API key or session, as a token bucket per key held in memory (per
/// process): a bucket holds up to `limitPerMinute` tokens and refills continuously at
/// `limitPerMinute / 60` tokens a second, so a client may burst its whole minute and then goes at
/// the steady rate. Share one per process; several nodes share `SharedRateLimiter` instead.
public final class RateLimiter: RequestRateLimiter, @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var capacity: Double
        var updated: Date
    }

    /// Buckets kept before idle (full) ones are dropped; a dropped bucket comes back full, which is
    /// exactly its state, so pruning never changes a decision.
    private let pruneThreshold: Int
    private let clock: any Clock
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    /// Grows when pruning frees little, so a flood of live keys costs amortised O(1) per request.
    private var nextPrune: Int

    public init(clock: any Clock = .system, pruneThreshold: Int = 100_000) {
        self.clock = clock
        self.pruneThreshold = max(1, pruneThreshold)
        nextPrune = self.pruneThreshold
    }

    /// Takes one token from `key`'s bucket, if there is one.
    ///
    /// - Parameters:
    ///   - key: the API key id or session identifier the request authenticated with.
    ///   - limitPerMinute: the account's `requests_per_minute`; a changed value (new plan) resizes
    ///     the bucket at once, an upgrade adding the extra capacity as tokens.
    public func consume(key: String, limitPerMinute: Int) -> RateLimitDecision {
        let now = clock.now
        let capacity = Double(max(0, limitPerMinute))
        let rate = capacity / 60
        lock.lock()
        defer { lock.unlock() }
        var bucket = buckets[key] ?? Bucket(tokens: capacity, capacity: capacity, updated: now)
        if bucket.capacity != capacity {
            bucket.tokens = max(0, bucket.tokens + max(0, capacity - bucket.capacity))
            bucket.capacity = capacity
        }
        let elapsed = max(0, now.timeIntervalSince(bucket.updated))
        bucket.tokens = min(capacity, bucket.tokens + elapsed * rate)
        bucket.updated = now

        let allowed = bucket.tokens >= 1 - TokenBucket.tolerance
        if allowed { bucket.tokens = max(0, bucket.tokens - 1) }
        if buckets[key] == nil, buckets.count >= nextPrune {
            prune(now: now)
            nextPrune = max(pruneThreshold, buckets.count * 2)
        }
        buckets[key] = bucket

        return TokenBucket.decision(allowed: allowed, tokens: bucket.tokens, capacity: capacity, limitPerMinute: limitPerMinute)
    }

    /// Buckets currently held (for tests and metrics).
    public var bucketCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return buckets.count
    }

    /// Drops buckets that have refilled completely since their last use.
    private func prune(now: Date) {
        buckets = buckets.filter { _, bucket in
            let rate = bucket.capacity / 60
            return rate <= 0 || bucket.tokens + now.timeIntervalSince(bucket.updated) * rate < bucket.capacity
        }
    }
}
