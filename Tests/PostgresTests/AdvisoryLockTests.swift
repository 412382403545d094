import Foundation
import Postgres
import Storage
import XCTest

/// Advisory locks exclude each other across pools (as across nodes).
final class AdvisoryLockTests: PostgresTestCase {
    func testASessionLockExcludesASecondPoolUntilReleased() throws {
        let first = try open()
        let second = try open()
        let held = Rendezvous(parties: 2)
        let timeline = Timeline()
        let results = concurrently(2) { index -> Bool in
            if index == 0 {
                try first.withAdvisoryLock("stylify.test.sweeper") {
                    timeline.record("first in")
                    held.arrive(timeout: 5)
                    Thread.sleep(forTimeInterval: 0.3)
                    timeline.record("first out")
                }
                return true
            }
            held.arrive(timeout: 5)
            // Taken by the other pool: the non-waiting form declines at once.
            let declined = try second.withAdvisoryLockIfAvailable("stylify.test.sweeper") { timeline.record("second sneaked in") } == nil
            try second.withAdvisoryLock("stylify.test.sweeper") { timeline.record("second in") }
            return declined
        }
        XCTAssertEqual(try results.map { try $0.get() }, [true, true])
        XCTAssertEqual(timeline.events, ["first in", "first out", "second in"])
        // Released: available again to anyone.
        XCTAssertEqual(try second.withAdvisoryLockIfAvailable("stylify.test.sweeper") { 42 }, 42)
    }

    func testDifferentNamesDoNotExcludeEachOther() throws {
        let first = try open()
        let second = try open()
        let inner = try first.withAdvisoryLock("stylify.test.a") {
            try second.withAdvisoryLockIfAvailable("stylify.test.b") { "both held" }
        }
        XCTAssertEqual(inner, "both held")
    }

    func testTheLockIsReleasedWhenTheBodyThrows() throws {
        let database = try open()
        struct Failure: Error {}
        XCTAssertThrowsError(try database.withAdvisoryLock("stylify.test.throws") { throw Failure() })
        XCTAssertEqual(try open().withAdvisoryLockIfAvailable("stylify.test.throws") { true }, true)
    }

    func testTransactionLevelLocksSerialiseReadModifyWriteAcrossPools() throws {
        let pools = [try open(), try open()]
        try pools[0].writeTransaction { try $0.run("INSERT INTO items (name, amount) VALUES ('counter', 0)") }
        let rounds = 25
        let results = concurrently(2) { index in
            for _ in 0..<rounds {
                try pools[index].writeTransactionHoldingAdvisoryLock("stylify.test.counter") { connection in
                    // READ COMMITTED read-then-write: without the lock, increments would be lost.
                    let value = try connection.queryOne("SELECT amount FROM items WHERE name = 'counter'")!.int("amount")
                    try connection.run("UPDATE items SET amount = ? WHERE name = 'counter'", value + 1)
                }
            }
        }
        for result in results { try result.get() }
        XCTAssertEqual(try pools[0].readTransaction { try $0.queryOne("SELECT amount FROM items WHERE name = 'counter'")?.int("amount") }, 2 * rounds)
    }
}

/// Events recorded from several threads, in the order they happened.
final class Timeline: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    func record(_ event: String) {
        lock.lock()
        recorded.append(event)
        lock.unlock()
    }

    var events: [String] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}
