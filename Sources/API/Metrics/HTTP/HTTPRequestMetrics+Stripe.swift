import Foundation
import HTTPServer

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
        /// The series hit last, by its raw parts: a loop serving one hot route skips building a key,
        /// normalising the method and hashing.
        private var lastMethod = ""
        private var lastRoute = ""
        private var lastStatus = -1
        private var lastCounts: Counts?

        init(buckets: Int) {
            bucketCount = buckets
        }

        func add(method: HTTPMethod, route: String, status: Int, bucket: Int, nanoseconds: UInt64) {
            lock.lock()
            let counts: Counts
            if let lastCounts, lastStatus == status, lastRoute == route, lastMethod == method.rawValue {
                counts = lastCounts
            } else {
                let key = Key(method: HTTPRequestMetrics.methodLabel(method), route: route, status: status)
                if let existing = series[key] {
                    counts = existing
                } else {
                    counts = Counts(buckets: bucketCount)
                    series[key] = counts
                }
                lastMethod = method.rawValue
                lastRoute = route
                lastStatus = status
                lastCounts = counts
            }
            counts.buckets[bucket] &+= 1
            counts.nanoseconds &+= nanoseconds
            lock.unlock()
        }

        func forEach(_ body: (Key, [UInt64], UInt64) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            for (key, counts) in series { body(key, counts.buckets, counts.nanoseconds) }
        }
    }
}
