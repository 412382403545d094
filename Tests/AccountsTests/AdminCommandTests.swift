import Accounts
import Foundation
import Storage
import TestSupport
import XCTest

/// Runs the real `stylify admin` binary (built beside the test bundle) against a database that
/// this process also has open, as an operator would against a running server.
final class AdminCommandTests: AccountsTestCase {
    typealias Outcome = StylifyProcess.Outcome

    func run(_ arguments: [String], dataDir: URL? = nil) throws -> Outcome {
        try StylifyProcess.run(["admin"] + arguments + ["--data-dir", (dataDir ?? directory).path, "--schema-dir", Self.schema.path],
                               environment: testDatabase.environment)
    }

    func testAccountsListShowsEveryAccountAsTableAndJSON() throws {
        let ada = try signUp("ada@example.com")
        try signUp("bob@example.com")
        _ = try services.apiKeys.create(in: ada.account.id, name: "ci")

        let table = try run(["accounts", "list"])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].hasPrefix("ID"))
        XCTAssertTrue(lines[1].contains(ada.account.id.rawValue) && lines[1].contains("ada@example.com") && lines[1].contains("active"))

        let json = try run(["accounts", "list", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let decoded = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(decoded.count, 2)
        XCTAssertEqual(decoded[0]["owner_email"] as? String, "ada@example.com")
        XCTAssertEqual(decoded[0]["active_api_keys"] as? Int, 1)
        XCTAssertEqual((decoded[0]["account"] as? [String: Any])?["id"] as? String, ada.account.id.rawValue)
    }

    func testSuspendFromTheCommandLineIsSeenByThisProcessWithinOneSecond() throws {
        let services = makeServices { $0.clock = .system }
        let account = try services.registration.signUp(email: "ops@example.com", password: "correct horse").account.id
        let secret = try services.apiKeys.create(in: account, name: "server").secret
        _ = try services.authenticator.authenticate(bearer: secret)

        let suspend = try run(["accounts", "suspend", account.rawValue])
        XCTAssertEqual(suspend.status, 0, suspend.stderr)
        XCTAssertTrue(suspend.stdout.contains("suspended"))
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: secret), .accountSuspended)

        XCTAssertEqual(try run(["accounts", "resume", account.rawValue]).status, 0)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertEqual(try services.authenticator.authenticate(bearer: secret).accountID, account)
    }

    func testKeysListAndRevokeByID() throws {
        let account = try signUp().account.id
        let keep = try services.apiKeys.create(in: account, name: "keep")
        let drop = try services.apiKeys.create(in: account, name: "drop")

        let listed = try run(["keys", "list", "--account", account.rawValue, "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let keys = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(keys.compactMap { $0["id"] as? String }, [keep.key.id.rawValue, drop.key.id.rawValue])
        XCTAssertFalse(listed.stdout.contains(keep.secret), "secrets are never shown again")

        let revoked = try run(["keys", "revoke", drop.key.id.rawValue])
        XCTAssertEqual(revoked.status, 0, revoked.stderr)
        XCTAssertThrowsAccountsError(try services.apiKeys.get(drop.key.id, in: account), .notFound(resource: "api_key"))
        XCTAssertEqual(try services.apiKeys.get(keep.key.id, in: account).id, keep.key.id)

        let again = try run(["keys", "revoke", drop.key.id.rawValue])
        XCTAssertEqual(again.status, 65)
    }

    func testUnknownOrMalformedIDsExitWithDataError() throws {
        try signUp()
        for arguments in [["accounts", "show", "acct_" + String(repeating: "x", count: 20)], ["accounts", "suspend", "nonsense"],
                          ["keys", "revoke", "key_nope"], ["keys", "list", "--account", "usr_abc"]] {
            let outcome = try run(arguments)
            XCTAssertEqual(outcome.status, 65, "\(arguments): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.lowercased().contains("no such"), outcome.stderr)
        }
    }

    func testMissingDatabaseExitsWithNoInputAndCreatesNothing() throws {
        try XCTSkipIf(testDatabase.engine == .postgresql, "about a missing SQLite file")
        let empty = directory.appendingPathComponent("empty-data")
        let outcome = try run(["accounts", "list"], dataDir: empty)
        XCTAssertEqual(outcome.status, 66)
        XCTAssertTrue(outcome.stderr.contains("not found"), outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: empty.path))
    }

    func testCorruptedDatabaseExitsWithDataError() throws {
        try XCTSkipIf(testDatabase.engine == .postgresql, "about a corrupt SQLite file")
        let bad = directory.appendingPathComponent("bad-data")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try Data(repeating: 0xAB, count: 4096).write(to: bad.appendingPathComponent("stylify.sqlite"))
        let outcome = try run(["keys", "list"], dataDir: bad)
        XCTAssertEqual(outcome.status, 65)
        XCTAssertTrue(outcome.stderr.contains("not an SQLite database"), outcome.stderr)
    }

    func testMissingArgumentIsAUsageError() throws {
        XCTAssertEqual(try run(["accounts", "suspend"]).status, 64)
        XCTAssertEqual(try run(["accounts", "frobnicate"]).status, 64)
    }
}
