import Foundation
import TestSupport
import XCTest

/// The deployment of several machines, on one: an API node and a worker node with **separate
/// data directories** (no shared disk), sharing only a PostgreSQL database (the loopback test
/// cluster) and an S3-compatible bucket (SeaweedFS with signature checking). The API node never
/// renders; the worker claims the job from PostgreSQL, reads the content from the bucket and
/// writes the result there; the API node serves it.
final class ServeDistributedTests: XCTestCase {
    private var directory: URL!
    private var cluster: PostgresTestCluster!
    private var databaseURL: String!

    override func setUpWithError() throws {
        cluster = try PostgresTestCluster.sharedOrSkip()
        directory = try Fixtures.temporaryDirectory("serve-distributed")
        databaseURL = try cluster.createDatabase("distributed")
    }

    override func tearDownWithError() throws {
        if let databaseURL { cluster?.dropDatabase(url: databaseURL) }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func node(_ role: String, _ s3: S3TestServer, prefix: String) throws -> ServeProcess {
        let data = directory.appendingPathComponent("data-\(role)")
        return try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--gallery", directory.path,
             "--schema-dir", Fixtures.repositoryRoot.appendingPathComponent("Schema").path, "--quiet", "--role", role,
             "--database-url", databaseURL, "--blob-url", "s3://\(S3TestServer.bucket)/\(prefix)", "--s3-endpoint", s3.endpoint,
             "--threads", "1"],
            in: directory,
            environment: ["AWS_ACCESS_KEY_ID": S3TestServer.accessKey, "AWS_SECRET_ACCESS_KEY": S3TestServer.secretKey])
    }

    func testAnAPINodeAndAWorkerNodeShareOnlyPostgreSQLAndTheBucket() throws {
        let s3 = try S3TestServer.sharedOrSkip()
        let prefix = "dist-\(UUID().uuidString.prefix(8).lowercased())"
        let api = try node("api", s3, prefix: prefix)
        defer { _ = api.stop() }
        var client = HTTPClient(port: api.port)
        client.timeoutSeconds = 60
        let signUp = try client.post("/v1/accounts", json: ["email": "dist@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)

        let (asset, filterID) = try client.uploadPhotoAndFilter(token: token)
        let request = [UInt8](try JSONSerialization.data(withJSONObject: [
            "content": asset, "filters": [["id": filterID]], "max_side": 96, "format": "png"]))
        let created = try client.send("POST", "/v1/stylizations", token: token, headers: [("Content-Type", "application/json")], body: request)
        XCTAssertEqual(created.status, 202, "an API node queues even a small image: \(created.text)")
        let id = try XCTUnwrap(try created.json()["id"] as? String)

        // The worker has its own empty data directory: everything it needs is in PostgreSQL and the bucket.
        let worker = try node("worker", s3, prefix: prefix)
        defer { _ = worker.stop() }
        var body: [String: Any] = [:]
        let deadline = Date().addingTimeInterval(120)
        while !["succeeded", "failed", "canceled"].contains(body["status"] as? String ?? ""), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            body = try client.get("/v1/stylizations/\(id)", token: token).json()
        }
        XCTAssertEqual(body["status"] as? String, "succeeded", "\(body)")
        let result = try client.get("/v1/stylizations/\(id)/result", token: token)
        XCTAssertEqual(result.status, 200, result.text)
        XCTAssertEqual(Array(result.body.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG written by the worker, served by the API node")
        let ready = try client.get("/readyz").json()
        XCTAssertEqual((ready["checks"] as? [String: Any])?["workers"] as? String, "1 live", "\(ready)")
        let claimedBy = try cluster.psql("SELECT count(*) FROM nodes WHERE role = 'worker'", database: databaseName)
        XCTAssertEqual(claimedBy.trimmingCharacters(in: .whitespacesAndNewlines), "1", "the worker registered in PostgreSQL")
    }

    private var databaseName: String { String(databaseURL.split(separator: "/").last ?? "") }
}
