import Common
import Foundation
import Quotas
import Storage
import TestSupport
import XCTest

/// The request rate limit's buckets in the shared database: the same decisions as the in-memory
/// limiter step for step, and exact across nodes (two handles of one database) under contention.
final class SharedRateLimiterTests: XCTestCase {
    private var directory: URL!
    /// SQLite, or PostgreSQL in the suite's second pass (`STYLIFY_TEST_DATABASE=postgresql`).
    private var testDatabase: TestDatabase!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("shared-rate")
        testDatabase = try TestDatabase(in: directory, label: "rate")
    }

    override func tearDownWithError() throws {
        testDatabase?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// One more node: another handle on the same database.
    private func node() throws -> any SQLDatabase {
        try testDatabase.open(readerCount: 1)
    }

    func testDecisionsMatchTheInMemoryLimiterStepForStep() throws {
        let clock = ManualClock()
        let memory = RateLimiter(clock: clock)
        let shared = SharedRateLimiter(database: try node(), clock: clock)
        // (seconds to advance, requests per minute, requests): bursts, refills, an upgrade, a downgrade, zero.
        let script: [(TimeInterval, Int, Int)] = [
            (0, 60, 61), (1, 60, 2), (0.5, 60, 1), (30, 60, 3), (0, 120, 2), (2, 120, 5), (0, 30, 3), (45, 30, 40),
            (61, 60, 1), (0, 0, 2), (10, 60, 1),
        ]
        for (step, (advance, limit, requests)) in script.enumerated() {
            clock.advance(advance)
            for request in 0..<requests {
                for key in ["key:a", "user:b"] {
                    let expected = memory.consume(key: key, limitPerMinute: limit)
                    XCTAssertEqual(try shared.consume(key: key, limitPerMinute: limit), expected, "step \(step), request \(request), \(key)")
                }
            }
        }
    }

    func testTwoNodesTogetherAllowExactlyTheCapacity() throws {
        let clock = ManualClock()  // frozen: no refill, so exactly the capacity may pass
        let nodes = [SharedRateLimiter(database: try node(), clock: clock), SharedRateLimiter(database: try node(), clock: clock)]
        let outcomes = Hammer.run(threads: 10, each: 8) { thread, _ in
            try nodes[thread % 2].consume(key: "key:hot", limitPerMinute: 30).allowed
        }
        let allowed = try outcomes.map { try $0.get() }.filter { $0 }.count
        XCTAssertEqual(allowed, 30, "80 requests over two nodes against a bucket of 30")
        let memory = RateLimiter(clock: clock)
        let local = (0..<80).filter { _ in memory.consume(key: "key:hot", limitPerMinute: 30).allowed }.count
        XCTAssertEqual(local, 30)
    }

    func testIdleBucketsArePrunedAndComeBackFull() throws {
        let clock = ManualClock()
        let database = try node()
        let shared = SharedRateLimiter(database: database, clock: clock)
        for _ in 0..<5 { _ = try shared.consume(key: "key:idle", limitPerMinute: 10) }
        clock.advance(30)
        _ = try shared.consume(key: "key:busy", limitPerMinute: 10)
        clock.advance(3600 - 10)
        XCTAssertEqual(try shared.prune(), 1, "only the bucket idle for an hour")
        let rows = try database.readTransaction { try $0.query("SELECT key FROM rate_buckets").map { try $0.string("key") } }
        XCTAssertEqual(rows, ["key:busy"])
        XCTAssertEqual(try shared.consume(key: "key:idle", limitPerMinute: 10).remaining, 9, "a pruned bucket is a full one")
    }
}
