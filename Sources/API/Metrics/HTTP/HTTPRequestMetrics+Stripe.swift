import Foundation

extension HTTPRequestMetrics {
    /// One event loop's share of the counts. Only its loop writes it; a scrape reads it under the
    /// same lock, so the lock is almost never contended.
    final class Stripe: @unchecked Sendable {
        /// Mutable counts of one series, a class so that a hit updates in place without rehashing.
        final class Counts {
            var buckets: [UInt64]
            var nanoseconds: UInt64 = 0

            init(buckets: Int) {
                self.buckets = Array(repeating: 0, count: buckets)
            }
        }

        private let lock = NSLock()
        private let bucketCount: Int
        private var series: [Key: Counts] = [:]
        /// The series hit last: a loop serving one hot route skips the dictionary lookup.
        private var lastKey: Key?
        private var lastCounts: Counts?

        init(buckets: Int) {
            bucketCount = buckets
        }

        func add(_ key: Key, bucket: Int, nanoseconds: UInt64) {
            lock.lock()
            defer { lock.unlock() }
            let counts: Counts
            if let lastCounts, lastKey == key {
                counts = lastCounts
            } else if let existing = series[key] {
                counts = existing
            } else {
                counts = Counts(buckets: bucketCount)
                series[key] = counts
            }
            counts.buckets[bucket] &+= 1
            counts.nanoseconds &+= nanoseconds
            lastKey = key
            lastCounts = counts
        }

        func forEach(_ body: (Key, [UInt64], UInt64) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            for (key, counts) in series { body(key, counts.buckets, counts.nanoseconds) }
        }
    }
}
