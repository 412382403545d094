import Foundation
import ObjectStorage
import Storage
import TestSupport
import XCTest

/// `stylify serve --blob-url s3://…` keeps every blob in a real S3-compatible server (SeaweedFS
/// with signature checking on): uploads, filter styles and thumbnails, and results are objects in
/// the bucket, downloads (whole and ranged) come back from it even after the local cache is gone,
/// and a store that refuses the credentials or cannot be reached stops start-up with the reason.
final class ServeObjectStoreTests: XCTestCase {
    private var directory: URL!
    private var data: URL { directory.appendingPathComponent("data") }
    private var prefix = ""

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("serve-s3")
        prefix = "e2e-\(UUID().uuidString.prefix(8).lowercased())"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func environment(_ server: S3TestServer, secret: String = S3TestServer.secretKey) -> [String: String] {
        ["STYLIFY_BLOB_URL": "s3://\(S3TestServer.bucket)/\(prefix)", "STYLIFY_S3_ENDPOINT": server.endpoint,
         "AWS_ACCESS_KEY_ID": S3TestServer.accessKey, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": "us-east-1"]
    }

    private func serve(_ server: S3TestServer) throws -> ServeProcess {
        try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--gallery", directory.path, "--quiet"],
            in: directory, environment: environment(server))
    }

    /// The object keys under this test's prefix, without the prefix.
    private func objectKeys(_ server: S3TestServer) throws -> Set<String> {
        let configuration = S3Configuration(
            bucket: S3TestServer.bucket, prefix: prefix, endpoint: S3Endpoint(scheme: "http", host: "127.0.0.1", port: server.port),
            credentials: SigV4Credentials(accessKeyID: S3TestServer.accessKey, secretAccessKey: S3TestServer.secretKey), addressing: .path)
        return Set(try S3Client(configuration: configuration).listAllObjects(prefix: prefix + "/").map { String($0.key.dropFirst(prefix.count + 1)) })
    }

    func testUploadsFiltersAndResultsLiveInTheBucketAndDownloadWithoutTheLocalCache() throws {
        let s3 = try S3TestServer.sharedOrSkip()
        var server = try serve(s3)
        defer { _ = server.stop() }
        var client = HTTPClient(port: server.port)
        client.timeoutSeconds = 120

        let signUp = try client.post("/v1/accounts", json: ["email": "s3@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)

        let photo = try Data(contentsOf: Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        let uploaded = try client.send("POST", "/v1/assets", token: token, headers: [("Content-Type", "image/jpeg")], body: [UInt8](photo))
        XCTAssertEqual(uploaded.status, 201, uploaded.text)
        let asset = try XCTUnwrap(try uploaded.json()["id"] as? String)

        let style = try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("asheville.jpg"))
        let filter = try client.multipart(
            "/v1/filters", token: token, fields: [("name", "Asheville")], fileField: "image", fileName: "asheville.jpg",
            contentType: "image/jpeg", file: style)
        XCTAssertEqual(filter.status, 201, filter.text)
        let filterID = try XCTUnwrap(try filter.json()["id"] as? String)

        let request = try JSONSerialization.data(withJSONObject: [
            "content": asset, "filters": [["id": filterID, "weight": 1]], "max_side": 128, "format": "png"])
        let stylized = try client.send("POST", "/v1/stylizations", token: token, headers: [("Content-Type", "application/json")], body: [UInt8](request))
        XCTAssertEqual(stylized.status, 201, stylized.text)
        let stylization = try XCTUnwrap(try stylized.json()["id"] as? String)
        let result = try client.get("/v1/stylizations/\(stylization)/result", token: token)
        XCTAssertEqual(result.status, 200, result.text)
        XCTAssertEqual(Array(result.body.prefix(4)), [0x89, 0x50, 0x4E, 0x47])

        // Content, style, thumbnail and result are objects named by their SHA-256.
        let keys = try objectKeys(s3)
        XCTAssertTrue(keys.contains(SHA256Hasher.hex([UInt8](photo))), "\(keys)")
        XCTAssertTrue(keys.contains(SHA256Hasher.hex([UInt8](style))), "\(keys)")
        XCTAssertTrue(keys.contains(SHA256Hasher.hex(result.body)), "\(keys)")
        XCTAssertGreaterThanOrEqual(keys.count, 4, "content, style, thumbnail and result: \(keys)")

        // Without the local read cache the bucket alone serves every download, whole and ranged.
        XCTAssertEqual(server.stop(), 0)
        try FileManager.default.removeItem(at: data.appendingPathComponent("blobs"))
        server = try serve(s3)
        client = HTTPClient(port: server.port)
        client.timeoutSeconds = 60
        let whole = try client.get("/v1/assets/\(asset)/content", token: token)
        XCTAssertEqual(whole.status, 200, whole.text)
        XCTAssertEqual(Data(whole.body), photo)
        let ranged = try client.get("/v1/assets/\(asset)/content", token: token, headers: [("Range", "bytes=100-199")])
        XCTAssertEqual(ranged.status, 206, ranged.text)
        XCTAssertEqual(Data(ranged.body), photo.subdata(in: 100..<200))
        let again = try client.get("/v1/stylizations/\(stylization)/result", token: token)
        XCTAssertEqual(again.body, result.body)
        let ready = try client.get("/readyz")
        XCTAssertEqual(ready.status, 200, ready.text)
    }

    func testAStoreThatRefusesTheSecretStopsStartUpWithExit78() throws {
        let s3 = try S3TestServer.sharedOrSkip()
        let outcome = try ServeProcess.runToExit(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--quiet"], in: directory,
            environment: environment(s3, secret: "not-the-secret"))
        XCTAssertEqual(outcome.status, 78, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("stylify serve:"), outcome.stderr)
        XCTAssertFalse(outcome.stderr.contains("not-the-secret"), "the secret must never be printed: \(outcome.stderr)")
    }

    func testAnUnreachableStoreStopsStartUpWithExit69() throws {
        let environment = ["STYLIFY_BLOB_URL": "s3://stylify-test/x", "STYLIFY_S3_ENDPOINT": "http://127.0.0.1:1",
                           "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"]
        let outcome = try ServeProcess.runToExit(["--listen", "127.0.0.1:0", "--data-dir", data.path, "--quiet"], in: directory, environment: environment)
        XCTAssertEqual(outcome.status, 69, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("127.0.0.1:1"), outcome.stderr)
    }

    func testAMalformedBlobURLIsExit64AsAFlagAnd78AsAVariable() throws {
        let flag = try ServeProcess.runToExit(["--data-dir", data.path, "--blob-url", "ftp://bucket"], in: directory)
        XCTAssertEqual(flag.status, 64, flag.stderr)
        XCTAssertTrue(flag.stderr.contains("--blob-url"), flag.stderr)
        let variable = try ServeProcess.runToExit(["--data-dir", data.path], in: directory, environment: ["STYLIFY_BLOB_URL": "s3://No_Such"])
        XCTAssertEqual(variable.status, 78, variable.stderr)
        XCTAssertTrue(variable.stderr.contains("STYLIFY_BLOB_URL"), variable.stderr)
        let credentials = try ServeProcess.runToExit(["--data-dir", data.path, "--blob-url", "s3://bucket"], in: directory,
                                                     environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        XCTAssertEqual(credentials.status, 78, credentials.stderr)
        XCTAssertTrue(credentials.stderr.contains("AWS_ACCESS_KEY_ID"), credentials.stderr)
    }
}
