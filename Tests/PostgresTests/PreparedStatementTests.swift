import Foundation
@testable import Postgres
import Storage
import XCTest

/// Statements are prepared once per connection and survive what invalidates a prepared form.
final class PreparedStatementTests: PostgresTestCase {
    /// The statements the connection `body` runs on has prepared whose text contains `fragment`.
    private func preparedCount(containing fragment: String, _ connection: any SQLConnection) throws -> Int {
        let pattern = "%" + fragment + "%"
        return try connection.queryOne(
            "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE ? AND statement NOT LIKE '%pg_prepared_statements%'",
            pattern)?.int("n") ?? -1
    }

    func testAStatementIsPreparedOnceAndReusedByLaterCalls() throws {
        let database = try open(maximumConnections: 1)
        try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES ('a')") }
        for _ in 0..<3 {
            XCTAssertEqual(try database.readStatement { try $0.queryOne("SELECT name FROM items WHERE id = ?", 1)?.string("name") }, "a")
        }
        XCTAssertEqual(try database.readStatement { try self.preparedCount(containing: "FROM items WHERE id", $0) }, 1)
    }

    func testTheSameTextWithANullParameterIsPreparedSeparately() throws {
        let database = try open(maximumConnections: 1)
        try database.writeTransaction { connection in
            try connection.run("INSERT INTO items (name, amount) VALUES (?, ?)", "with", 5)
            try connection.run("INSERT INTO items (name, amount) VALUES (?, ?)", "without", Int?.none)
        }
        let amounts = try database.readStatement { try $0.query("SELECT amount FROM items ORDER BY id").map { try $0.optionalInt("amount") } }
        XCTAssertEqual(amounts, [5, nil])
        XCTAssertEqual(try database.readStatement { try self.preparedCount(containing: "INSERT INTO items", $0) }, 2)
    }

    func testAStatementWhoseResultAMigrationChangedRunsAgainFreshlyPrepared() throws {
        let database = try open(maximumConnections: 1)
        try database.writeTransaction { try $0.run("INSERT INTO items (name, amount) VALUES ('a', 7)") }
        let read = { try database.readTransaction { try $0.queryOne("SELECT amount FROM items")?.value("amount") } }
        let readAlone = { try database.readStatement { try $0.queryOne("SELECT amount FROM items")?.value("amount") } }
        XCTAssertEqual(try read(), .integer(7))
        XCTAssertEqual(try readAlone(), .integer(7))
        // Another node's migration: the prepared plan's result type is now wrong, and the server
        // says so ("cached plan must not change result type") instead of re-planning.
        try cluster.psql("ALTER TABLE items ALTER COLUMN amount TYPE text", database: databaseName)
        XCTAssertEqual(try read(), .text("7"))
        try cluster.psql("ALTER TABLE items ALTER COLUMN amount TYPE bigint USING amount::bigint", database: databaseName)
        XCTAssertEqual(try readAlone(), .integer(7))
    }

    func testAStatementDeallocatedBehindTheConnectionsBackIsPreparedAgain() throws {
        let database = try open(maximumConnections: 1)
        XCTAssertEqual(try database.readStatement { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 0)
        // What a transaction-pooling proxy in front of the server may do.
        try database.readStatement { try XCTUnwrap($0 as? PostgresConnection).executeScript("DEALLOCATE ALL") }
        XCTAssertEqual(try database.readStatement { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 0)
        XCTAssertEqual(try database.writeTransaction { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 0)
    }

    func testAConnectionKeepsAtMostTheLimitOfPreparedStatements() throws {
        let database = try open(maximumConnections: 1)
        for value in 0..<(PreparedStatements.limit + 20) {
            XCTAssertEqual(try database.readStatement { try $0.queryOne("SELECT \(value) AS n")?.int("n") }, value)
        }
        let held = try database.readStatement { try $0.queryOne("SELECT count(*) AS n FROM pg_prepared_statements")?.int("n") }
        XCTAssertLessThanOrEqual(try XCTUnwrap(held), PreparedStatements.limit)
    }
}
