import Foundation
import Storage
import XCTest

final class ExpiringCacheTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_000_000)

    func testValueIsServedUntilItsDeadlineOnly() {
        let cache = ExpiringCache<String, Int>(capacity: 10)
        cache.store(7, for: "a", validUntil: start.addingTimeInterval(1), ifGeneration: cache.currentGeneration, now: start)
        XCTAssertEqual(cache.value(for: "a", now: start.addingTimeInterval(0.5)), 7)
        XCTAssertNil(cache.value(for: "a", now: start.addingTimeInterval(1)))
        XCTAssertEqual(cache.statistics.hits, 1)
        XCTAssertEqual(cache.statistics.misses, 1)
    }

    func testReadThatRacedWithAnEvictionCannotPutTheStaleValueBack() {
        let cache = ExpiringCache<String, Int>(capacity: 10)
        let generationBeforeRead = cache.currentGeneration
        cache.evict("a")  // e.g. a revocation lands while the database read is in flight
        cache.store(1, for: "a", validUntil: start.addingTimeInterval(1), ifGeneration: generationBeforeRead, now: start)
        XCTAssertNil(cache.value(for: "a", now: start))
    }

    func testEvictWhereRemovesOnlyMatchingValues() {
        let cache = ExpiringCache<String, Int>(capacity: 10)
        for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
            cache.store(value, for: key, validUntil: start.addingTimeInterval(1), ifGeneration: cache.currentGeneration, now: start)
        }
        cache.evict { $0 % 2 == 1 }
        XCTAssertNil(cache.value(for: "a", now: start))
        XCTAssertEqual(cache.value(for: "b", now: start), 2)
        XCTAssertNil(cache.value(for: "c", now: start))
    }

    func testAFullCacheDropsExpiredEntriesFirst() {
        let cache = ExpiringCache<Int, Int>(capacity: 2)
        cache.store(1, for: 1, validUntil: start, ifGeneration: cache.currentGeneration, now: start)  // already expired
        cache.store(2, for: 2, validUntil: start.addingTimeInterval(5), ifGeneration: cache.currentGeneration, now: start)
        cache.store(3, for: 3, validUntil: start.addingTimeInterval(5), ifGeneration: cache.currentGeneration, now: start)
        XCTAssertEqual(cache.value(for: 2, now: start), 2)
        XCTAssertEqual(cache.value(for: 3, now: start), 3)
    }
}
