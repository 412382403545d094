import Foundation
import TestSupport
import XCTest

/// `stylify serve --database-url postgres://…` against the loopback test cluster: the whole
/// product on PostgreSQL (sign-up, upload, an image stylization rendered by the job workers,
/// the download), `stylify admin` changing a plan that the running server sees, and the
/// start-up errors for a malformed URL and an unreachable server.
final class ServePostgresTests: XCTestCase {
    private var directory: URL!
    private var cluster: PostgresTestCluster!
    private var databaseURL: String!

    override func setUpWithError() throws {
        cluster = try PostgresTestCluster.sharedOrSkip()
        directory = try Fixtures.temporaryDirectory("serve-postgres")
        databaseURL = try cluster.createDatabase("serve")
    }

    override func tearDownWithError() throws {
        if let databaseURL { cluster?.dropDatabase(url: databaseURL) }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private var schema: URL { Fixtures.repositoryRoot.appendingPathComponent("Schema") }

    func testSignUpUploadStylizeAndDownloadOnPostgreSQLWithAnAdminPlanChangeSeenLive() throws {
        let gallery = directory.appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: gallery, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent("trial.jpg"), to: gallery.appendingPathComponent("trial.jpg"))
        let data = directory.appendingPathComponent("data")
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--gallery", gallery.path,
             "--schema-dir", schema.path, "--quiet", "--database-url", databaseURL],
            in: directory)
        var stopped = false
        defer { if !stopped { _ = serve.stop() } }
        var client = HTTPClient(port: serve.port)
        client.timeoutSeconds = 60

        let ready = try client.get("/readyz")
        XCTAssertEqual(ready.status, 200, ready.text)
        XCTAssertEqual((try ready.json()["checks"] as? [String: String])?["database"], "ok")
        XCTAssertFalse(FileManager.default.fileExists(atPath: data.appendingPathComponent("stylify.sqlite").path),
                       "no SQLite file when PostgreSQL is selected")

        let signUp = try client.post("/v1/accounts", json: ["email": "pg@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)
        let account = try XCTUnwrap((try signUp.json()["account"] as? [String: Any])?["id"] as? String)
        let rows = try cluster.psql("SELECT count(*) FROM accounts WHERE id = '\(account)'", database: databaseName)
        XCTAssertEqual(rows.trimmingCharacters(in: .whitespacesAndNewlines), "1", "the account lives in PostgreSQL")

        let image = try Data(contentsOf: Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        let uploaded = try client.send("POST", "/v1/assets", token: token, headers: [("Content-Type", "image/jpeg")], body: [UInt8](image))
        XCTAssertEqual(uploaded.status, 201, uploaded.text)
        let asset = try XCTUnwrap(try uploaded.json()["id"] as? String)
        let filters = try client.get("/v1/filters", token: token).json()["data"] as? [[String: Any]] ?? []
        let filter = try XCTUnwrap(filters.first { $0["name"] as? String == "Trial" }?["id"] as? String, "\(filters)")

        let payload = try JSONSerialization.data(withJSONObject: ["content": asset, "filters": [["id": filter]], "max_side": 128])
        let created = try client.send(
            "POST", "/v1/stylizations", token: token, headers: [("Content-Type", "application/json")], body: [UInt8](payload))
        XCTAssertTrue([201, 202].contains(created.status), created.text)
        let stylization = try XCTUnwrap(try created.json()["id"] as? String)
        var body: [String: Any] = [:]
        let deadline = Date().addingTimeInterval(120)
        while !["succeeded", "failed", "canceled"].contains(body["status"] as? String ?? ""), Date() < deadline {
            body = try client.get("/v1/stylizations/\(stylization)", token: token).json()
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTAssertEqual(body["status"] as? String, "succeeded", "\(body)")
        let download = try client.get("/v1/stylizations/\(stylization)/result", token: token)
        XCTAssertEqual(download.status, 200)
        XCTAssertEqual(download.header("Content-Type"), "image/jpeg")
        XCTAssertEqual(Array(download.body.prefix(3)), [0xFF, 0xD8, 0xFF], "a JPEG")
        XCTAssertEqual((body["result"] as? [String: Any])?["bytes"] as? Int, download.body.count)
        let me = try client.get("/v1/me", token: token).json()["quota"] as? [String: Any]
        XCTAssertEqual((me?["usage"] as? [String: Any])?["frames"] as? Int, 1, "the image was metered once: \(String(describing: me))")

        // The operator's CLI writes the same database from another process; the server's quota
        // cache (1 s) picks the new plan up without a restart.
        let outcome = try StylifyProcess.run([
            "admin", "accounts", "set-plan", account, "premium", "--database-url", databaseURL, "--schema-dir", schema.path,
        ], currentDirectory: directory)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let upgradeDeadline = Date().addingTimeInterval(5)
        var plan: String?
        while plan != "premium", Date() < upgradeDeadline {
            plan = (try client.get("/v1/me", token: token).json()["quota"] as? [String: Any])?["plan"] as? String
            if plan != "premium" { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertEqual(plan, "premium", "the running server sees the admin's plan change")

        stopped = true
        XCTAssertEqual(serve.stop(), 0, "graceful shutdown")
    }

    func testAMalformedDatabaseURLStopsStartUpWithExit78ForTheVariableAnd64ForTheFlag() throws {
        let data = directory.appendingPathComponent("data").path
        let variable = try ServeProcess.runToExit(
            ["--listen", "127.0.0.1:0", "--data-dir", data, "--quiet"], in: directory,
            environment: ["STYLIFY_DATABASE_URL": "mysql://u:secret@127.0.0.1/db"])
        XCTAssertEqual(variable.status, 78, variable.stderr)
        XCTAssertTrue(variable.stderr.contains("STYLIFY_DATABASE_URL"), variable.stderr)
        XCTAssertTrue(variable.stderr.contains("postgres://"), variable.stderr)
        XCTAssertFalse(variable.stderr.contains("secret"), "the password is never repeated: \(variable.stderr)")

        let flag = try ServeProcess.runToExit(
            ["--listen", "127.0.0.1:0", "--data-dir", data, "--quiet", "--database-url", "postgres://u:secret@127.0.0.1:99999/db"], in: directory)
        XCTAssertEqual(flag.status, 64, flag.stderr)
        XCTAssertTrue(flag.stderr.contains("--database-url"), flag.stderr)
        XCTAssertFalse(flag.stderr.contains("secret"), flag.stderr)

        let admin = try StylifyProcess.run(
            ["admin", "accounts", "list"], environment: ["STYLIFY_DATABASE_URL": "postgres://"], currentDirectory: directory)
        XCTAssertEqual(admin.status, 78, admin.stderr)
    }

    func testAnUnreachableDatabaseServerStopsStartUpWithExit69AndTheReason() throws {
        let closedPort = try LoopbackSocket.closedPort()
        let url = cluster.url(database: "nothing", port: closedPort)
        for command in [["serve", "--listen", "127.0.0.1:0", "--quiet"], ["admin", "accounts", "list"]] {
            let outcome = try StylifyProcess.run(
                command + ["--data-dir", directory.appendingPathComponent("data").path, "--database-url", url], currentDirectory: directory)
            XCTAssertEqual(outcome.status, 69, "\(command[0]): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.contains("127.0.0.1:\(closedPort) is unavailable"), outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains(cluster.password), outcome.stderr)
        }
    }

    private var databaseName: String {
        String(databaseURL.split(separator: "/").last!)
    }
}
