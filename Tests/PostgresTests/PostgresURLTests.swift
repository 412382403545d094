import Postgres
import Storage
import XCTest

/// URL validation before anything connects: one clear sentence per mistake.
final class PostgresURLTests: XCTestCase {
    private func reason(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try PostgresURL(text)
            XCTFail("\(text) was accepted", file: file, line: line)
            return nil
        } catch let StorageError.invalidDatabaseURL(reason) {
            return reason
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testAFullURLIsParsedIntoItsParts() throws {
        let url = try PostgresURL("postgres://stylify:s%40cret@db.example.com:6543/stylify_prod?sslmode=require")
        XCTAssertEqual(url.user, "stylify")
        XCTAssertEqual(url.host, "db.example.com")
        XCTAssertEqual(url.port, "6543")
        XCTAssertEqual(url.database, "stylify_prod")
        XCTAssertEqual(url.server, "db.example.com:6543")
    }

    func testTheDescriptionNeverShowsThePassword() throws {
        let url = try PostgresURL("postgresql://me:topsecret@127.0.0.1/app")
        XCTAssertEqual(url.description, "postgres://me@127.0.0.1:5432/app")
        XCTAssertFalse("\(url)".contains("topsecret"))
    }

    func testASocketDirectoryIsAHost() throws {
        let url = try PostgresURL("postgres://me@%2Ftmp%2Fpg:5433/app")
        XCTAssertEqual(url.host, "/tmp/pg")
        XCTAssertEqual(try PostgresURL("postgres:///app?host=/run/postgresql").host, "/run/postgresql")
    }

    func testAnotherSchemeIsRefusedByName() {
        XCTAssertEqual(reason("mysql://root@localhost/app"), "'mysql' is not a PostgreSQL URL (it must start with postgres:// or postgresql://)")
        XCTAssertNotNil(reason("/var/lib/stylify.sqlite"))
    }

    func testMissingPartsAreNamed() {
        XCTAssertEqual(reason(""), "the URL is empty")
        XCTAssertEqual(reason("postgres://me@db.example.com"), "it names no database (add /DATABASE after the host and port)")
        XCTAssertEqual(reason("postgres:///app"), "it names no host (postgres://user@HOST:port/database)")
    }

    func testABadPortIsNamed() {
        XCTAssertEqual(reason("postgres://me@db:0/app"), "port '0' is not a number from 1 to 65535")
        XCTAssertEqual(reason("postgres://me@db:99999/app"), "port '99999' is not a number from 1 to 65535")
    }

    func testLibpqSyntaxErrorsAreReported() throws {
        let unknown = try XCTUnwrap(reason("postgres://me@db/app?frobnicate=1"))
        XCTAssertTrue(unknown.contains("frobnicate"), unknown)
        XCTAssertNotNil(reason("postgres://me@[::1/app"))
    }

    func testTheErrorDescriptionIsOneSentenceWithTheExpectedForm() {
        let error = StorageError.invalidDatabaseURL(reason: "it names no host (postgres://user@HOST:port/database)")
        XCTAssertFalse(error.description.contains("\n"))
        XCTAssertTrue(error.description.hasPrefix("invalid database URL: "))
    }

    func testSelectionPicksSQLiteWithoutAURLAndPostgresForOne() throws {
        XCTAssertEqual(try DatabaseSelection.dialect(of: nil), .sqlite)
        XCTAssertEqual(try DatabaseSelection.dialect(of: ""), .sqlite)
        XCTAssertEqual(try DatabaseSelection.dialect(of: "postgres://u@h/d"), .postgresql)
        XCTAssertThrowsError(try DatabaseSelection.dialect(of: "sqlite:///tmp/x"))
    }

    func testAdvisoryLockKeysAreStableAndDistinct() {
        XCTAssertEqual(PostgresAdvisoryLock.key(for: "stylify.sweeper"), PostgresAdvisoryLock.key(for: "stylify.sweeper"))
        XCTAssertNotEqual(PostgresAdvisoryLock.key(for: "stylify.sweeper"), PostgresAdvisoryLock.key(for: "stylify.gallery"))
    }
}
