import Foundation
import Postgres
import Storage
import XCTest

/// `Schema/postgresql/` is a faithful translation of `Schema/`: the same tables, columns (with
/// mapped types and nullability), indexes, triggers and views, plus only the documented `seq`
/// columns that replace SQLite's rowid.
final class SchemaParityTests: PostgresTestCase {
    /// Tables whose rowid a module pages by, and which therefore got an explicit `seq`.
    static let rowidReplacements: Set<String> = ["accounts", "users", "api_keys"]

    func testBothDialectsDeclareTheSameTablesAndColumns() throws {
        let sqlite = try Database(url: directory.appendingPathComponent("project.sqlite"), configuration: .init(readerCount: 1, schemaDirectory: Self.projectSchema))
        let postgres = try open(schemaDirectory: Self.projectSchema)

        let sqliteTables = try sqlite.read { connection in
            try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map { try $0.string("name") }
        }
        let postgresTables = try postgres.readTransaction { connection in
            try connection.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").map { try $0.string("tablename") }
        }
        XCTAssertEqual(sqliteTables, postgresTables)

        for table in sqliteTables {
            let expected = try sqlite.read { connection in
                try connection.query("SELECT name, type, \"notnull\" AS required, pk FROM pragma_table_info(?) ORDER BY cid", table).map { row in
                    let type = try Self.postgresType(of: row.string("type"))
                    // SQLite lets an INTEGER PRIMARY KEY (and only that) be NULL on insert; both are NOT NULL in effect.
                    let required = try row.int("required") == 1 || row.int("pk") > 0
                    return "\(try row.string("name")) \(type)\(required ? " NOT NULL" : "")"
                }
            }
            var found = try postgres.readTransaction { connection in
                try connection.query("""
                    SELECT column_name, data_type, is_nullable FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position
                    """, table).map { row in
                    "\(try row.string("column_name")) \(try row.string("data_type"))\(try row.string("is_nullable") == "NO" ? " NOT NULL" : "")"
                }
            }
            if Self.rowidReplacements.contains(table) {
                // Last when the table was made; columns a later migration adds come after it.
                XCTAssertTrue(found.contains("seq bigint NOT NULL"), table)
                found.removeAll { $0 == "seq bigint NOT NULL" }
            }
            XCTAssertEqual(found, expected, table)
        }
    }

    func testBothDialectsDeclareTheSameIndexesTriggersAndViews() throws {
        let sqlite = try Database(url: directory.appendingPathComponent("project.sqlite"), configuration: .init(readerCount: 1, schemaDirectory: Self.projectSchema))
        let postgres = try open(schemaDirectory: Self.projectSchema)
        func sqliteNames(_ type: String) throws -> [String] {
            try sqlite.read { connection in
                try connection.query("SELECT name FROM sqlite_schema WHERE type = ? AND sql IS NOT NULL ORDER BY name", type).map { try $0.string("name") }
            }
        }
        let postgresIndexes = try postgres.readTransaction { connection in
            // Only explicitly created indexes: not those behind PRIMARY KEY / UNIQUE constraints.
            try connection.query("""
                SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
                AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname
                """).map { try $0.string("indexname") }
        }
        XCTAssertEqual(try sqliteNames("index"), postgresIndexes)
        let postgresTriggers = try postgres.readTransaction { connection in
            try connection.query("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname").map { try $0.string("tgname") }
        }
        XCTAssertEqual(try sqliteNames("trigger"), postgresTriggers)
        let postgresViews = try postgres.readTransaction { connection in
            try connection.query("SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY viewname").map { try $0.string("viewname") }
        }
        XCTAssertEqual(try sqliteNames("view"), postgresViews)
    }

    func testSeqColumnsNumberRowsInInsertionOrderAndCannotBeSetByHand() throws {
        let database = try open(schemaDirectory: Self.projectSchema)
        let seqs = try database.writeTransaction { connection -> [Int] in
            try ["acct_b", "acct_a", "acct_c"].map { id in
                try connection.queryOne("INSERT INTO accounts (id, created_at, updated_at) VALUES (?, 0, 0) RETURNING seq", id)!.int("seq")
            }
        }
        XCTAssertEqual(seqs, [1, 2, 3])
        XCTAssertThrowsError(try database.writeTransaction { try $0.run("INSERT INTO accounts (id, created_at, updated_at, seq) VALUES ('x', 0, 0, 9)") })
    }

    private static func postgresType(of sqliteType: String) throws -> String {
        switch sqliteType.uppercased() {
        case "INTEGER": return "bigint"
        case "TEXT": return "text"
        case "REAL": return "double precision"
        case "BLOB": return "bytea"
        default: throw StorageError.typeMismatch(column: "type", expected: "a STRICT type", found: sqliteType)
        }
    }
}
