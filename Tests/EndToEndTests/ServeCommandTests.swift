import Foundation
import TestSupport
import XCTest

/// `stylify serve` as a deployed binary: creates its data directory and database, finds the
/// schema on its own, serves the account endpoints, reports the database in /readyz.
final class ServeCommandTests: XCTestCase {
    func testServeCreatesTheDatabaseAndServesAccountEndpoints() throws {
        let directory = try Fixtures.temporaryDirectory("serve")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDirectory = directory.appendingPathComponent("fresh/data")
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", dataDirectory.path, "--models", Fixtures.models.path, "--quiet"], in: directory)
        var stopped = false
        defer { if !stopped { _ = serve.stop() } }
        XCTAssertTrue(FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("stylify.sqlite").path))

        let client = HTTPClient(port: serve.port)
        let ready = try client.get("/readyz")
        XCTAssertEqual(ready.status, 200, ready.text)
        XCTAssertEqual((try ready.json()["checks"] as? [String: String])?["database"], "ok")

        let signUp = try client.post("/v1/accounts", json: ["email": "ops@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)
        XCTAssertEqual(try client.get("/v1/me", token: token).status, 200)

        stopped = true
        XCTAssertEqual(serve.stop(), 0, "graceful shutdown exits 0")
    }

    /// The signal handler is in place before the listening line: a SIGTERM sent the moment it
    /// appears (as a supervisor may) is a graceful shutdown, every time, whatever threads exist.
    func testSIGTERMAsSoonAsTheServerListensShutsItDownGracefully() throws {
        let directory = try Fixtures.temporaryDirectory("serve-sigterm")
        defer { try? FileManager.default.removeItem(at: directory) }
        for round in 1...3 {
            let serve = try ServeProcess(
                ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path,
                 "--models", Fixtures.models.path, "--quiet"], in: directory)
            XCTAssertEqual(serve.stop(), 0, "round \(round): exit status after SIGTERM")
        }
    }

    func testServeRefusesToStartOnAFileThatIsNotADatabase() throws {
        let directory = try Fixtures.temporaryDirectory("serve")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: data.appendingPathComponent("stylify.sqlite"))

        let outcome = try ServeProcess.runToExit(["--listen", "127.0.0.1:0", "--data-dir", data.path], in: directory)
        XCTAssertEqual(outcome.status, 65, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("not an SQLite database"), outcome.stderr)
        XCTAssertFalse(outcome.stdout.contains("listening"))
        XCTAssertEqual(try Data(contentsOf: data.appendingPathComponent("stylify.sqlite")), garbage, "the file is left untouched")
    }

    /// A service of the lifecycle that cannot start (here the server: its port is taken) stops
    /// those started before it and exits 69 with the reason.
    func testServeOnAPortInUseExitsUnavailableWithTheReason() throws {
        let directory = try Fixtures.temporaryDirectory("serve-port")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("first").path, "--quiet"], in: directory)
        defer { _ = first.stop() }
        let outcome = try ServeProcess.runToExit(
            ["--listen", "127.0.0.1:\(first.port)", "--data-dir", directory.appendingPathComponent("second").path, "--quiet"],
            in: directory)
        XCTAssertEqual(outcome.status, 69, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("stylify serve: bind 127.0.0.1:\(first.port)"), outcome.stderr)
        XCTAssertFalse(outcome.stdout.contains("listening"))
    }

    func testServeWithAMissingSchemaDirectoryExitsWithNoInput() throws {
        let directory = try Fixtures.temporaryDirectory("serve")
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try ServeProcess.runToExit(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path,
             "--schema-dir", directory.appendingPathComponent("no-such-schema").path],
            in: directory)
        XCTAssertEqual(outcome.status, 66, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("schema"), outcome.stderr)
    }
}
