import Foundation
import Postgres
import Storage
import XCTest

/// The same work through `SQLDatabase` on SQLite and on PostgreSQL must give the same rows,
/// value for value: that is what lets a module be written once.
final class ConformanceTests: PostgresTestCase {
    /// Values chosen to hit the edges of each type.
    static let payloads: [[UInt8]] = [[], [0], Array(0...255), (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }]
    static let texts = ["", "plain", "héllo wörld — 🎨 日本語 \u{200B} ' \" \\ ?", String(repeating: "long ", count: 20_000)]
    static let doubles: [Double?] = [nil, 0, -0.0, 0.1, -2.5, .pi, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity]
    static let integers: [Int64?] = [nil, 0, -1, 1, Int64.max, Int64.min, 9_007_199_254_740_993]
    static let date = Date(timeIntervalSince1970: 1_700_000_000.9)

    func testEveryTypeRoundTripsToTheSameValuesOnBothBackends() throws {
        let sqlite = try openSQLite()
        let postgres = try open()
        let fromSQLite = try Self.exercise(sqlite)
        let fromPostgres = try Self.exercise(postgres)
        XCTAssertEqual(fromSQLite.count, fromPostgres.count)
        for (index, (left, right)) in zip(fromSQLite, fromPostgres).enumerated() {
            XCTAssertEqual(left.columns, right.columns, "row \(index)")
            XCTAssertEqual(left.values, right.values, "row \(index)")
        }
        // The accessors read the same Swift values.
        let big = try XCTUnwrap(fromPostgres.first { try $0.optionalInt("amount") == Int(Int64.max) })
        XCTAssertEqual(try big.date("created_at"), Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertEqual(try fromPostgres.filter { try !$0.isNull("payload") }.map { try $0.blob("payload").count }.max(), 1 << 20)
    }

    func testAggregatesAndExpressionsDecodeAlike() throws {
        let sql = """
            SELECT count(*) AS n, coalesce(sum(amount), 0) AS total, max(score) AS best,
                   (1 < 2) AS yes, (1 > 2) AS no, 7 / 2 AS quotient, 'a' || 'b' AS joined,
                   max(CASE WHEN ?1 IS NULL OR name = ?1 THEN 1 ELSE 0 END) AS matched
            FROM items
            """
        var answers: [[SQLValue]] = []
        for database in [try openSQLite() as any SQLDatabase, try open()] {
            try database.writeTransaction { connection in
                for amount in [3, 4, 5] {
                    try connection.run("INSERT INTO items (name, amount, score) VALUES (?, ?, ?)", "n\(amount)", amount, Double(amount) / 2)
                }
            }
            let row = try XCTUnwrap(try database.readTransaction { try $0.queryOne(sql, "n3") })
            answers.append(row.values)
            XCTAssertTrue(try row.bool("yes"), "\(database.dialect)")
            XCTAssertFalse(try row.bool("no"), "\(database.dialect)")
            XCTAssertEqual(try row.int("total"), 12, "\(database.dialect)")
        }
        XCTAssertEqual(answers[0], answers[1])
    }

    func testConstraintViolationRollbackAndSavepointBehaveAlike() throws {
        for database in [try openSQLite() as any SQLDatabase, try open()] {
            try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES (?)", "same") }
            XCTAssertThrowsError(try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES (?)", "same") }) { error in
                guard case StorageError.constraintViolation = error else { return XCTFail("\(database.dialect): \(error)") }
            }
            struct Abort: Error {}
            XCTAssertThrowsError(try database.writeTransaction { connection in
                try connection.run("INSERT INTO items (name) VALUES (?)", "rolled back")
                throw Abort()
            })
            // A failed statement inside a savepoint leaves the transaction usable on both.
            let kept = try database.writeTransaction { connection -> Int in
                XCTAssertThrowsError(try connection.savepoint { try connection.run("INSERT INTO items (name) VALUES (?)", "same") })
                return try connection.run("INSERT INTO items (name) VALUES (?)", "after savepoint")
            }
            XCTAssertEqual(kept, 1)
            let names = try database.readTransaction { try $0.query("SELECT name FROM items ORDER BY id").map { try $0.string("name") } }
            XCTAssertEqual(names, ["same", "after savepoint"], "\(database.dialect)")
        }
    }

    func testWrongParameterCountIsRefusedOnBoth() throws {
        for database in [try openSQLite() as any SQLDatabase, try open()] {
            XCTAssertThrowsError(try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES (?)") }, "\(database.dialect)")
            XCTAssertThrowsError(try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES (?)", "a", "b") }, "\(database.dialect)")
            XCTAssertEqual(try database.readTransaction { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 0)
        }
    }

    /// A dialect difference a port must handle: PostgreSQL types a NULL parameter from where it
    /// is used, and `?1 IS NULL` first (the modules' optional-filter idiom) gives it no type
    /// (SQLSTATE 42P08). Casting it, or comparing it with a column first, works on both.
    func testAnOptionalFilterParameterNeedsATypeWhenItIsNull() throws {
        let postgres = try open()
        XCTAssertThrowsError(try postgres.readTransaction {
            try $0.query("SELECT name FROM items WHERE (?1 IS NULL OR name = ?1)", Optional<String>.none)
        }) { error in
            guard case StorageError.postgres("42P08", _) = error else { return XCTFail("\(error)") }
        }
        for database in [try openSQLite() as any SQLDatabase, postgres] {
            try database.writeTransaction { connection in
                for name in ["a", "b"] { try connection.run("INSERT INTO items (name) VALUES (?)", name) }
            }
            for sql in [
                "SELECT name FROM items WHERE (CAST(?1 AS TEXT) IS NULL OR name = ?1) ORDER BY id",
                "SELECT name FROM items WHERE (name = ?1 OR ?1 IS NULL) ORDER BY id",
            ] {
                let all = try database.readTransaction { try $0.query(sql, Optional<String>.none).map { try $0.string("name") } }
                let one = try database.readTransaction { try $0.query(sql, "b").map { try $0.string("name") } }
                XCTAssertEqual(all, ["a", "b"], "\(database.dialect): \(sql)")
                XCTAssertEqual(one, ["b"], "\(database.dialect): \(sql)")
            }
        }
    }

    /// A dialect difference a port must handle: `Bool` binds as the integer 0 or 1, which SQLite
    /// takes as a condition and PostgreSQL refuses (`argument of OR must be type boolean`);
    /// comparing with 0 works on both.
    func testABooleanParameterAsAConditionNeedsAComparisonToBePortable() throws {
        let postgres = try open()
        XCTAssertThrowsError(try postgres.readTransaction { try $0.query("SELECT id FROM items WHERE ? OR id > 0", true) }) { error in
            guard case StorageError.postgres("42804", _) = error else { return XCTFail("\(error)") }
        }
        for database in [try openSQLite() as any SQLDatabase, postgres] {
            try database.writeTransaction { try $0.run("INSERT INTO items (name) VALUES ('x')") }
            let rows = try database.readTransaction { try $0.query("SELECT id FROM items WHERE (? <> 0 OR id < 0)", true) }
            XCTAssertEqual(rows.count, 1, "\(database.dialect)")
        }
    }

    func testDialectAndLocationNameTheBackend() throws {
        let sqlite = try openSQLite()
        let postgres = try open()
        XCTAssertEqual(sqlite.dialect, .sqlite)
        XCTAssertEqual(postgres.dialect, .postgresql)
        XCTAssertTrue(sqlite.location.hasSuffix("test.sqlite"))
        XCTAssertFalse(postgres.location.contains(cluster.password), "the location must not show the password")
        XCTAssertTrue(postgres.location.hasPrefix("postgres://\(cluster.user)@127.0.0.1:"))
        XCTAssertNoThrow(try sqlite.ping())
        XCTAssertNoThrow(try postgres.ping())
    }

    /// Inserts every edge value through the protocol and reads the table back.
    static func exercise(_ database: any SQLDatabase) throws -> [Row] {
        try database.writeTransaction { connection in
            var index = 0
            for payload in payloads {
                for text in texts {
                    let number = integers[index % integers.count]
                    let score = doubles[index % doubles.count]
                    try connection.run(
                        "INSERT INTO items (name, note, payload, score, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        "item \(index)", text, payload, score, number, date)
                    index += 1
                }
            }
            for (offset, score) in doubles.enumerated() {
                try connection.run("INSERT INTO items (name, score) VALUES (?2, ?1)", score, "double \(offset)")
            }
            for (offset, number) in integers.enumerated() {
                try connection.run("INSERT INTO items (name, amount) VALUES (?, ?)", "integer \(offset)", number)
            }
            try connection.run("INSERT INTO items (name, amount, payload) VALUES (?, ?, ?)", "booleans", true, Optional<[UInt8]>.none)
        }
        return try database.readTransaction { connection in
            try connection.query("SELECT id, name, note, payload, score, amount, created_at FROM items ORDER BY id")
        }
    }
}
