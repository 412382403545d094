import Foundation
import Storage
import XCTest

final class MigrationTests: StorageTestCase {
    func testMigrationsApplyInOrderFromAnEmptyDatabaseAndAreRecordedWithChecksums() throws {
        try writeMigration("0002_tags.sql", "CREATE TABLE tags (item_id INTEGER NOT NULL REFERENCES items(id), tag TEXT NOT NULL);")
        let database = try open()
        XCTAssertEqual(database.newlyAppliedMigrations.map(\.version), [1, 2])

        let recorded = try database.read { try $0.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") }
        XCTAssertEqual(try recorded.map { try $0.string("name") }, ["0001_items.sql", "0002_tags.sql"])
        XCTAssertEqual(try recorded.map { try $0.string("checksum") }, database.newlyAppliedMigrations.map(\.checksum))
        XCTAssertEqual(try recorded[0].string("checksum").count, 64)
    }

    func testReopeningAnUpToDateDatabaseAppliesNothing() throws {
        _ = try open()
        let again = try open()
        XCTAssertEqual(again.newlyAppliedMigrations, [])
        XCTAssertEqual(try again.read { try $0.queryOne("SELECT count(*) AS n FROM schema_migrations")?.int("n") }, 1)
    }

    func testNewMigrationIsAppliedOnTheNextStart() throws {
        _ = try open()
        try writeMigration("0002_more.sql", "ALTER TABLE items ADD COLUMN extra TEXT;")
        let database = try open()
        XCTAssertEqual(database.newlyAppliedMigrations.map(\.name), ["0002_more.sql"])
        try database.write { try $0.run("INSERT INTO items (name, extra) VALUES (?, ?)", "a", "b") }
    }

    func testEditedAppliedMigrationStopsStartUp() throws {
        _ = try open()
        try writeMigration("0001_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);")
        XCTAssertThrowsError(try open()) { error in
            guard case StorageError.migrationEdited(let version, let name, _, _) = error else {
                return XCTFail("expected migrationEdited, got \(error)")
            }
            XCTAssertEqual(version, 1)
            XCTAssertEqual(name, "0001_items.sql")
            XCTAssertTrue("\(error)".contains("edited after it was applied"))
        }
    }

    func testFailingMigrationAppliesNothingOfThePendingSet() throws {
        try writeMigration("0002_good.sql", "CREATE TABLE good (x INTEGER);")
        try writeMigration("0003_bad.sql", "CREATE TABLE bad (x INTEGER); THIS IS NOT SQL;")
        XCTAssertThrowsError(try open()) { error in
            guard case StorageError.migrationFailed(let version, _, _) = error else {
                return XCTFail("expected migrationFailed, got \(error)")
            }
            XCTAssertEqual(version, 3)
        }
        try FileManager.default.removeItem(at: schema.appendingPathComponent("0003_bad.sql"))
        let database = try open()
        // Nothing of the failed run survived, so 0001 and 0002 are applied now, from scratch.
        XCTAssertEqual(database.newlyAppliedMigrations.map(\.version), [1, 2])
    }

    func testBadlyNamedMigrationFileIsRefused() throws {
        try writeMigration("2_oops.sql", "SELECT 1;")
        XCTAssertThrowsError(try open()) { error in
            guard case StorageError.invalidMigrationFile(let name, _) = error else {
                return XCTFail("expected invalidMigrationFile, got \(error)")
            }
            XCTAssertEqual(name, "2_oops.sql")
        }
    }

    func testMigrationFileThatIsNotUTF8IsRefused() throws {
        try Data([0x53, 0x45, 0xFF, 0xFE, 0x4C]).write(to: schema.appendingPathComponent("0002_binary.sql"))
        XCTAssertThrowsError(try open()) { error in
            XCTAssertEqual(error as? StorageError, .invalidMigrationFile(name: "0002_binary.sql", reason: "not UTF-8 text"))
        }
    }

    func testDuplicateMigrationVersionIsRefused() throws {
        try writeMigration("0001_again.sql", "SELECT 1;")
        XCTAssertThrowsError(try open()) { error in
            guard case StorageError.invalidMigrationFile = error else {
                return XCTFail("expected invalidMigrationFile, got \(error)")
            }
        }
    }

    func testMigrationAppliedByANewerProgramIsRefused() throws {
        try writeMigration("0002_newer.sql", "CREATE TABLE newer (x INTEGER);")
        _ = try open()
        try FileManager.default.removeItem(at: schema.appendingPathComponent("0002_newer.sql"))
        XCTAssertThrowsError(try open()) { error in
            XCTAssertEqual(error as? StorageError, .unknownAppliedMigration(version: 2, name: "0002_newer.sql"))
        }
    }

    func testMissingSchemaDirectoryIsAClearError() throws {
        let nowhere = directory.appendingPathComponent("no-such-schema")
        XCTAssertThrowsError(try Database(url: databaseURL, configuration: .init(schemaDirectory: nowhere))) { error in
            XCTAssertEqual(error as? StorageError, .schemaDirectoryNotFound(tried: [nowhere.path]))
        }
    }

    /// `STYLIFY_SCHEMA` is read by the command line, which passes it as the explicit directory
    /// (see `SettingsCommandTests`); Storage never reads the environment.
    func testSchemaLocatorUsesTheExplicitDirectoryThenTheCurrentDirectory() throws {
        let explicit = try SchemaLocator.locate(explicit: schema, currentDirectory: URL(fileURLWithPath: "/"), executable: nil)
        XCTAssertEqual(explicit.path, schema.path)
        let fromCurrentDirectory = try SchemaLocator.locate(explicit: nil, currentDirectory: directory, executable: nil)
        XCTAssertEqual(fromCurrentDirectory.path, schema.path)
        XCTAssertThrowsError(try SchemaLocator.locate(explicit: URL(fileURLWithPath: "/nonexistent"), currentDirectory: directory, executable: nil))
    }

    func testTwoProcessesStartingTogetherApplyMigrationsOnce() throws {
        let results = ConcurrentResults<Int>()
        let url = databaseURL, configuration = Database.Configuration(schemaDirectory: schema)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            results.append(Result { try Database(url: url, configuration: configuration).newlyAppliedMigrations.count })
        }
        let counts = try results.all.map { try $0.get() }
        XCTAssertEqual(counts.sorted(), [0, 0, 0, 1])
    }
}
