import Foundation
@testable import Postgres
import Storage
import XCTest

/// Isolation and retry: SERIALIZABLE writes keep count-then-insert admission exact across
/// sessions, conflicts are retried (and counted), claims skip locked rows.
final class PostgresTransactionTests: PostgresTestCase {
    /// Two sessions each count the slots, then take one if fewer than `limit` are taken: the
    /// classic write skew. Both read before either writes (a rendezvous on the first run), so
    /// without SERIALIZABLE both would be admitted.
    private func admitConcurrently(limit: Int, maximumAttempts: Int = 10) throws -> (database: PostgresDatabase, results: [Result<Bool, Error>]) {
        let database = try open(maximumAttempts: maximumAttempts)
        let rendezvous = Rendezvous(parties: 2)
        let results = concurrently(2) { index -> Bool in
            let attempts = Counter()
            return try database.writeTransaction { connection -> Bool in
                let taken = try connection.queryOne("SELECT count(*) AS n FROM items WHERE name LIKE 'slot%'")!.int("n")
                if attempts.increment() == 1 { rendezvous.arrive(timeout: 5) }
                guard taken < limit else { return false }
                try connection.run("INSERT INTO items (name) VALUES (?)", "slot \(index)")
                return true
            }
        }
        return (database, results)
    }

    func testConcurrentAdmissionAgainstALimitOfOneAdmitsExactlyOne() throws {
        let (database, results) = try admitConcurrently(limit: 1)
        let admitted = try results.map { try $0.get() }
        XCTAssertEqual(admitted.filter { $0 }.count, 1, "\(admitted)")
        XCTAssertEqual(try database.readTransaction { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 1)
        XCTAssertGreaterThanOrEqual(database.statistics.conflictRetries, 1, "the loser must have been rolled back and re-run")
        XCTAssertEqual(database.statistics.conflictsGivenUp, 0)
    }

    func testAConflictIsRetriedToSuccessWhenThereIsRoom() throws {
        let (database, results) = try admitConcurrently(limit: 2)
        XCTAssertEqual(try results.map { try $0.get() }, [true, true])
        XCTAssertEqual(try database.readTransaction { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 2)
        XCTAssertGreaterThanOrEqual(database.statistics.conflictRetries, 1)
    }

    func testAConflictThatOutlastsEveryAttemptIsBusy() throws {
        let (database, results) = try admitConcurrently(limit: 2, maximumAttempts: 1)
        let failures = results.compactMap { result -> Error? in if case .failure(let error) = result { error } else { nil } }
        XCTAssertEqual(failures.count, 1, "\(results)")
        XCTAssertEqual(failures.first as? StorageError, .busy)
        XCTAssertEqual(database.statistics.conflictsGivenUp, 1)
        XCTAssertEqual(database.statistics.conflictRetries, 0)
    }

    func testAConflictIsRetriedEvenWhenTheClosureWrapsTheError() throws {
        struct DomainError: Error { let underlying: Error }
        let database = try open()
        let rendezvous = Rendezvous(parties: 2)
        let results = concurrently(2) { index -> Int in
            let attempts = Counter()
            return try database.writeTransaction { connection -> Int in
                let run = attempts.increment()
                do {
                    let taken = try connection.queryOne("SELECT count(*) AS n FROM items")!.int("n")
                    if run == 1 { rendezvous.arrive(timeout: 5) }
                    try connection.run("INSERT INTO items (name) VALUES (?)", "item \(index) seen \(taken)")
                } catch {
                    throw DomainError(underlying: error)
                }
                return run
            }
        }
        XCTAssertEqual(try results.map { try $0.get() }.sorted().last, 2, "one closure ran twice")
    }

    func testReadsSeeOneSnapshotAndNeverTheOpenWrite() throws {
        let database = try open()
        try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES ('committed')") }
        let seenDuringWrite = try database.writeTransaction { connection -> Int in
            try connection.run("INSERT INTO items (name) VALUES ('uncommitted')")
            return try database.readTransaction { try $0.queryOne("SELECT count(*) AS n FROM items")!.int("n") }
        }
        XCTAssertEqual(seenDuringWrite, 1)
        let counts = try database.readTransaction { connection -> [Int] in
            let before = try connection.queryOne("SELECT count(*) AS n FROM items")!.int("n")
            try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES ('meanwhile')") }
            let after = try connection.queryOne("SELECT count(*) AS n FROM items")!.int("n")
            return [before, after]
        }
        XCTAssertEqual(counts, [2, 2], "a read transaction keeps its snapshot")
    }

    /// As many writers as pooled connections, each reading inside its closure (an upload's quota
    /// check): the reads must not wait for the pool, where none would come free.
    func testReadsInsideAsManyWritesAsConnectionsDoNotWaitForThePool() throws {
        let database = try open(maximumConnections: 2)
        let rendezvous = Rendezvous(parties: 2)
        let results = concurrently(2) { index -> Int in
            try database.writeTransaction { connection -> Int in
                try connection.run("INSERT INTO items (name) VALUES (?)", "writer \(index)")
                rendezvous.arrive(timeout: 5)  // both writers now hold a connection each
                return try database.readTransaction {
                    try $0.queryOne("SELECT count(*) AS n FROM items WHERE name = ?", "writer \(index)")!.int("n")
                }
            }
        }
        XCTAssertEqual(try results.map { try $0.get() }, [0, 0], "a nested read still does not see its own open write")
        XCTAssertLessThanOrEqual(database.pool.openCount, 2, "connections opened past the capacity are closed again")
        XCTAssertEqual(database.statistics.conflictsGivenUp, 0)
    }

    func testClaimsWithSkipLockedTakeDifferentRows() throws {
        let database = try open()
        try database.writeTransaction { connection in
            for name in ["job 1", "job 2"] { try connection.run("INSERT INTO items (name, amount) VALUES (?, 0)", name) }
        }
        let rendezvous = Rendezvous(parties: 2)
        let claimed = concurrently(2) { _ -> String in
            try database.claimTransaction { connection -> String in
                let row = try XCTUnwrap(try connection.queryOne(
                    "SELECT id, name FROM items WHERE amount = 0 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"))
                // Hold the row lock until the other worker has claimed too.
                rendezvous.arrive(timeout: 5)
                try connection.run("UPDATE items SET amount = 1 WHERE id = ?", try row.int("id"))
                return try row.string("name")
            }
        }
        XCTAssertEqual(Set(try claimed.map { try $0.get() }), ["job 1", "job 2"])
        XCTAssertEqual(database.statistics.conflictRetries, 0)
    }

    func testTheBackoffStaysWithinItsWindow() {
        for attempt in 1...12 {
            let window = 1_000 << min(attempt - 1, 6)
            for _ in 0..<50 {
                XCTAssertTrue((100...UInt32(window)).contains(PostgresDatabase.backoffMicroseconds(attempt: attempt)))
            }
        }
    }
}

/// Lets `parties` threads wait for each other once; a thread that waits past `timeout` goes on
/// (a re-run after a retry must not wait for a partner that is not coming).
final class Rendezvous: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    func arrive(timeout: TimeInterval) {
        condition.lock()
        arrived += 1
        condition.broadcast()
        let deadline = Date().addingTimeInterval(timeout)
        while arrived < parties, condition.wait(until: deadline) {}
        condition.unlock()
    }
}

/// A thread-safe counter for closures that run more than once.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
