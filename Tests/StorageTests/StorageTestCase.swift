import Foundation
import Storage
import TestSupport
import XCTest

/// Common set-up: a temp directory holding a schema folder with test migrations and a database path.
class StorageTestCase: XCTestCase {
    var directory: URL!
    var schema: URL!
    var databaseURL: URL { directory.appendingPathComponent("test.sqlite") }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("storage")
        schema = directory.appendingPathComponent("Schema")
        try FileManager.default.createDirectory(at: schema, withIntermediateDirectories: true)
        try writeMigration("0001_items.sql", """
            CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, payload BLOB, score REAL) STRICT;
            """)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func writeMigration(_ name: String, _ sql: String) throws {
        try sql.write(to: schema.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func open(createIfMissing: Bool = true) throws -> Database {
        try Database(url: databaseURL, configuration: .init(readerCount: 2, createIfMissing: createIfMissing, schemaDirectory: schema))
    }
}
