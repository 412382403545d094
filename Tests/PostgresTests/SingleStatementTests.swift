import Foundation
@testable import Postgres
import Storage
import XCTest

/// `readStatement` / `writeStatement`: one statement in autocommit mode, no BEGIN or COMMIT.
final class SingleStatementTests: PostgresTestCase {
    func testAStatementRunsOutsideAnyTransactionBlockAndIsCommittedWhenItReturns() throws {
        let database = try open()
        let inBlock = try database.writeStatement { connection in
            try connection.run("INSERT INTO items (name) VALUES ('one')")
            return try XCTUnwrap(connection as? PostgresConnection).isInTransaction
        }
        XCTAssertFalse(inBlock)
        // Another connection sees it at once: nothing was left open to commit.
        let seen = try database.readStatement { connection in
            XCTAssertFalse(try XCTUnwrap(connection as? PostgresConnection).isInTransaction)
            return try connection.query("SELECT name FROM items").map { try $0.string("name") }
        }
        XCTAssertEqual(seen, ["one"])
        XCTAssertEqual(try cluster.psql("SELECT count(*) FROM items", database: databaseName), "1")
    }

    func testAStatementOnAConnectionTheServerDroppedRunsOnAFreshOne() throws {
        let database = try open(maximumConnections: 2)
        try database.ping()
        XCTAssertEqual(try cluster.psql("SELECT count(pg_terminate_backend(pid)) > 0 FROM pg_stat_activity WHERE datname = '\(databaseName)'"), "t")
        let answer = try database.readStatement { try $0.queryOne("SELECT 7 AS n")?.int("n") }
        XCTAssertEqual(answer, 7)
        XCTAssertGreaterThanOrEqual(database.statistics.reconnects, 1)
    }

    func testAFailingStatementIsReportedAndNotRetried() throws {
        let database = try open()
        XCTAssertThrowsError(try database.writeStatement { try $0.run("INSERT INTO no_such_table (name) VALUES ('x')") }) { error in
            guard case StorageError.postgres(let sqlstate, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(sqlstate, "42P01")
        }
        XCTAssertEqual(database.statistics.reconnects, 0)
    }

    /// The project's rate-limit buckets commit without a WAL flush (Schema/postgresql/0016).
    func testTheRateLimitBucketsAreUnloggedAndTheLoginThrottlesAreNot() throws {
        let database = try open(schemaDirectory: Self.projectSchema)
        let persistence = try database.readStatement { connection in
            try connection.query("SELECT relname, relpersistence FROM pg_class WHERE relname IN ('rate_buckets', 'login_failures') ORDER BY relname")
                .map { "\(try $0.string("relname"))=\(try $0.string("relpersistence"))" }
        }
        XCTAssertEqual(persistence, ["login_failures=p", "rate_buckets=u"])
    }
}
