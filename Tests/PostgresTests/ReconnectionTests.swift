import Foundation
@testable import Postgres
import Storage
import XCTest

/// A pool survives its server going away: dead connections are dropped and replaced.
final class ReconnectionTests: PostgresTestCase {
    func testAfterAServerRestartThePoolReconnectsAndLaterCallsSucceed() throws {
        let database = try open()
        try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES ('before')") }
        try database.ping()
        XCTAssertGreaterThan(database.pool.openCount, 0)
        try cluster.restart()

        // The pooled connection died with the old server; the first call either reconnects
        // before it begins, or (if the failure shows only mid-statement) fails with one clear
        // sentence. Either way the call after it works.
        var firstError: Error?
        do {
            try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES ('after')") }
        } catch {
            firstError = error
            guard case StorageError.unavailable = error else { return XCTFail("not a clear unavailable: \(error)") }
            try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES ('after')") }
        }
        XCTAssertTrue(database.statistics.reconnects >= 1 || firstError != nil)
        let names = try database.readTransaction { try $0.query("SELECT name FROM items ORDER BY id").map { try $0.string("name") } }
        XCTAssertEqual(names, ["before", "after"])
        for _ in 0..<5 { try database.ping() }
    }

    func testAConnectionKilledByTheServerIsReplaced() throws {
        let database = try open(maximumConnections: 2)
        try database.ping()
        let name = databaseName
        XCTAssertEqual(try cluster.psql("SELECT count(pg_terminate_backend(pid)) > 0 FROM pg_stat_activity WHERE datname = '\(name)'"), "t")
        for _ in 0..<3 { try database.ping() }
        XCTAssertGreaterThanOrEqual(database.statistics.reconnects, 1)
        XCTAssertLessThanOrEqual(database.pool.openCount, 2)
    }

    func testWhileTheServerIsDownCallsFailClearlyAndRecoverAfterwards() throws {
        let database = try open()
        try database.ping()
        let name = databaseName
        // Refuse new connections to this database and drop the existing ones: "down" for us.
        try cluster.psql("ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS false")
        try cluster.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
        XCTAssertThrowsError(try database.ping()) { error in
            XCTAssertFalse("\(error)".contains("\n"), "\(error)")
            guard case StorageError.unavailable(_, let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("not currently accepting connections"), message)
        }
        try cluster.psql("ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS true")
        XCTAssertNoThrow(try database.ping())
    }

    func testAPoolWaitsForAFreeConnectionAndThenAnswersBusy() throws {
        let database = try PostgresDatabase(url: databaseURL, configuration: .init(
            maximumConnections: 1, connectionWaitLimit: 0.3, schemaDirectory: schema))
        defer { database.closeIdleConnections() }
        // Another thread holds the only connection (a read nested on the same thread would not
        // wait: see testReadsInsideAsManyWritesAsConnectionsDoNotWaitForThePool).
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? database.readTransaction { _ in
                holding.signal()
                release.wait()
            }
        }
        holder.start()
        holding.wait()
        let started = Date()
        XCTAssertThrowsError(try database.ping()) { error in
            XCTAssertEqual(error as? StorageError, .busy)
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.29)
        release.signal()
        try eventuallyPings(database)
    }

    /// The held connection comes back to the pool once its holder is done.
    private func eventuallyPings(_ database: PostgresDatabase) throws {
        for _ in 0..<50 {
            if (try? database.ping()) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("the connection never came back to the pool")
    }
}
