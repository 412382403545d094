import Foundation
@testable import Postgres
import Storage
import XCTest

/// The project's PostgreSQL migrations, checksummed and applied once however many nodes start.
final class PostgresMigrationTests: PostgresTestCase {
    private var projectVersions: [Int] {
        (try? Migration.load(from: Self.projectSchema.appendingPathComponent("postgresql")).map(\.version)) ?? []
    }

    func testAFreshDatabaseGetsEveryMigrationRecordedWithItsChecksum() throws {
        let database = try open(schemaDirectory: Self.projectSchema)
        XCTAssertEqual(database.newlyAppliedMigrations.map(\.version), projectVersions)
        XCTAssertEqual(projectVersions, Array(1...projectVersions.count))
        let recorded = try database.readTransaction { try $0.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") }
        XCTAssertEqual(try recorded.map { try $0.string("checksum") }, database.newlyAppliedMigrations.map(\.checksum))
        XCTAssertEqual(try recorded.map { try $0.string("name") }, database.newlyAppliedMigrations.map(\.name))
        // The seeds are there, as on SQLite.
        XCTAssertEqual(try database.readTransaction { try $0.queryOne("SELECT count(*) AS n FROM plan_limits")?.int("n") }, 22)
    }

    func testASecondOpenAppliesNothing() throws {
        _ = try open(schemaDirectory: Self.projectSchema)
        let again = try open(schemaDirectory: Self.projectSchema)
        XCTAssertEqual(again.newlyAppliedMigrations, [])
    }

    func testAnEditedMigrationStopsStartUp() throws {
        try writeMigration("0002_more.sql", postgres: "ALTER TABLE items ADD COLUMN extra text;")
        _ = try open()
        try writeMigration("0002_more.sql", postgres: "ALTER TABLE items ADD COLUMN extra bigint;")
        XCTAssertThrowsError(try open()) { error in
            guard case StorageError.migrationEdited(let version, let name, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(version, 2)
            XCTAssertEqual(name, "0002_more.sql")
        }
    }

    func testAFailingMigrationAppliesNothingOfItself() throws {
        try writeMigration("0002_broken.sql", postgres: "ALTER TABLE items ADD COLUMN fine text; ALTER TABLE nowhere ADD COLUMN x text;")
        XCTAssertThrowsError(try open()) { error in
            guard case StorageError.migrationFailed(let version, _, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(version, 2)
            XCTAssertTrue(message.contains("nowhere"), message)
        }
        // Nothing of the batch was applied, 0001 included: it ran in the same transaction.
        XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_tables WHERE tablename IN ('items', 'schema_migrations')",
                                        database: databaseName), "1")
    }

    func testAMigrationTheProgramDoesNotKnowStopsStartUp() throws {
        try writeMigration("0002_newer.sql", postgres: "SELECT 1;")
        _ = try open()
        try FileManager.default.removeItem(at: schema.appendingPathComponent("postgresql/0002_newer.sql"))
        XCTAssertThrowsError(try open()) { error in
            XCTAssertEqual(error as? StorageError, .unknownAppliedMigration(version: 2, name: "0002_newer.sql"))
        }
    }

    func testFourNodesStartingTogetherApplyEachMigrationOnce() throws {
        let url = databaseURL!
        let results = concurrently(4) { _ -> [Int] in
            let database = try PostgresDatabase(url: url, configuration: .init(maximumConnections: 2, schemaDirectory: Self.projectSchema))
            defer { database.closeIdleConnections() }
            return database.newlyAppliedMigrations.map(\.version)
        }
        let applied = try results.map { try $0.get() }
        XCTAssertEqual(applied.flatMap { $0 }.sorted(), projectVersions, "every migration applied by exactly one opener: \(applied)")
        XCTAssertEqual(applied.filter(\.isEmpty).count, 3)
        let database = try open(schemaDirectory: Self.projectSchema)
        XCTAssertEqual(try database.readTransaction { try $0.queryOne("SELECT count(*) AS n FROM schema_migrations")?.int("n") }, projectVersions.count)
    }

    func testTheLocatorFindsTheDialectsFolder() throws {
        XCTAssertEqual(try SchemaLocator.locate(explicit: Self.projectSchema, dialect: .postgresql).lastPathComponent, "postgresql")
        XCTAssertEqual(try SchemaLocator.locate(explicit: Self.projectSchema, dialect: .sqlite), Self.projectSchema)
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try "SELECT 1;".write(to: empty.appendingPathComponent("0001_x.sql"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SchemaLocator.locate(explicit: empty, dialect: .postgresql)) { error in
            XCTAssertEqual(error as? StorageError, .schemaDirectoryNotFound(tried: [empty.appendingPathComponent("postgresql").path]))
        }
    }
}
