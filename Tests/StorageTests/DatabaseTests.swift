import Foundation
import Storage
import XCTest

final class DatabaseTests: StorageTestCase {
    func testRowsDecodeEveryTypeRoundTrip() throws {
        let database = try open()
        try database.write { try $0.run("INSERT INTO items (name, payload, score) VALUES (?, ?, ?)", "a", [UInt8]([0, 1, 255]), 2.5) }
        try database.write { try $0.run("INSERT INTO items (name, payload, score) VALUES (?, ?, ?)", "b", [UInt8](), Optional<Double>.none) }
        let rows = try database.read { try $0.query("SELECT id, name, payload, score FROM items ORDER BY id") }
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(try rows[0].int("id"), 1)
        XCTAssertEqual(try rows[0].string("name"), "a")
        XCTAssertEqual(try rows[0].blob("payload"), [0, 1, 255])
        XCTAssertEqual(try rows[0].double("score"), 2.5)
        XCTAssertEqual(try rows[1].blob("payload"), [])
        XCTAssertTrue(try rows[1].isNull("score"))
    }

    func testPingAnswersOnAnOpenDatabase() throws {
        XCTAssertNoThrow(try open().ping())
    }

    func testWrongAccessorIsATypedErrorNotAGuess() throws {
        let database = try open()
        let row = try XCTUnwrap(try database.read { try $0.queryOne("SELECT 'text' AS t, NULL AS n") })
        XCTAssertThrowsError(try row.int("t")) { error in
            XCTAssertEqual(error as? StorageError, .typeMismatch(column: "t", expected: "integer", found: "text"))
        }
        XCTAssertThrowsError(try row.string("n"))
        XCTAssertNil(try row.optionalString("n"))
        XCTAssertThrowsError(try row.string("missing")) { error in
            XCTAssertEqual(error as? StorageError, .missingColumn("missing"))
        }
    }

    func testValuesAreBoundNeverSpliced() throws {
        let database = try open()
        let hostile = "x'); DROP TABLE items; --"
        try database.write { try $0.run("INSERT INTO items (name) VALUES (?)", hostile) }
        let name = try database.read { try $0.queryOne("SELECT name FROM items WHERE name = ?", hostile)?.string("name") }
        XCTAssertEqual(name, hostile)
    }

    func testWrongParameterCountIsRefused() throws {
        let database = try open()
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO items (name) VALUES (?)") })
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 0)
    }

    func testErrorInsideAWriteRollsEverythingBack() throws {
        let database = try open()
        struct Abort: Error {}
        XCTAssertThrowsError(try database.write { connection in
            try connection.run("INSERT INTO items (name) VALUES (?)", "kept?")
            throw Abort()
        })
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 0)
    }

    func testConstraintViolationIsTyped() throws {
        let database = try open()
        try database.write { try $0.run("INSERT INTO items (name) VALUES (?)", "same") }
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO items (name) VALUES (?)", "same") }) { error in
            guard case StorageError.constraintViolation = error else { return XCTFail("got \(error)") }
        }
    }

    func testReadersSeeTheLastCommitWithoutWaitingForAnOpenWrite() throws {
        let database = try open()
        try database.write { try $0.run("INSERT INTO items (name) VALUES (?)", "committed") }
        let seenDuringWrite = try database.write { connection -> Int in
            try connection.run("INSERT INTO items (name) VALUES (?)", "uncommitted")
            // A read while this write transaction is open: must not block, must not see it.
            return try database.read { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") ?? -1 }
        }
        XCTAssertEqual(seenDuringWrite, 1)
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT count(*) AS n FROM items")?.int("n") }, 2)
    }

    func testWritesFromTwoConnectionsToOneFileAreSerialisedNotLost() throws {
        let first = try open()
        let second = try open()
        try first.write { try $0.run("CREATE TABLE counter (n INTEGER NOT NULL)") }
        try first.write { try $0.run("INSERT INTO counter (n) VALUES (0)") }
        let results = ConcurrentResults<Void>()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let database = index.isMultiple(of: 2) ? first : second
            for _ in 0..<25 {
                results.append(Result {
                    try database.write { connection in
                        let n = try connection.queryOne("SELECT n FROM counter")!.int("n")
                        try connection.run("UPDATE counter SET n = ?", n + 1)
                    }
                })
            }
        }
        for result in results.all { try result.get() }
        XCTAssertEqual(try second.read { try $0.queryOne("SELECT n FROM counter")?.int("n") }, 200)
    }

    func testGarbageFileIsReportedAsNotADatabase() throws {
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: databaseURL)
        XCTAssertThrowsError(try open()) { error in
            XCTAssertEqual(error as? StorageError, .notADatabase(path: databaseURL.path))
            XCTAssertTrue("\(error)".contains("is not an SQLite database"))
        }
    }

    func testMissingFileIsReportedWhenCreationIsNotAllowed() throws {
        XCTAssertThrowsError(try open(createIfMissing: false)) { error in
            XCTAssertEqual(error as? StorageError, .fileNotFound(path: databaseURL.path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: databaseURL.path))
    }

    func testReadOnlyFileStopsStartUp() throws {
        _ = try open()
        try ReadOnlyFile.make(databaseURL)
        defer { ReadOnlyFile.undo(databaseURL) }
        XCTAssertThrowsError(try open()) { error in
            XCTAssertEqual(error as? StorageError, .readOnly(path: databaseURL.path))
        }
    }
}
