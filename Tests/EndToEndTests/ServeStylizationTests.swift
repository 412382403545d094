import Filters
import Foundation
import Inference
import Quotas
import Storage
import TestSupport
import XCTest

/// `stylify serve` runs stylizations: its job workers render a video into `<data-dir>/results`,
/// and it still shuts down cleanly. Content and a filter are seeded through the domain services
/// on the same data directory, as the assets and filters endpoints would.
final class ServeStylizationTests: XCTestCase {
    func testServeRendersAVideoStylizationWithItsWorkersAndShutsDownCleanly() throws {
        let directory = try Fixtures.temporaryDirectory("serve-stylize")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--quiet"], in: directory)
        var stopped = false
        defer { if !stopped { _ = serve.stop() } }
        var client = HTTPClient(port: serve.port)
        client.timeoutSeconds = 60

        let signUp = try client.post("/v1/accounts", json: ["email": "serve@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let body = try signUp.json()
        let token = try XCTUnwrap(body["session_token"] as? String)
        let account = try XCTUnwrap((body["account"] as? [String: Any])?["id"] as? String)

        let database = try Database(
            url: data.appendingPathComponent("stylify.sqlite"), configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        let quotas = try QuotaService(database: database)
        _ = try quotas.administration.setPlan("premium", forAccount: account)
        let blobs = try LocalDiskBlobStore(root: data.appendingPathComponent("blobs"))
        let assets = AssetService(database: database, blobs: blobs, quotas: quotas)
        let filters = FilterService(
            database: database, blobs: blobs, quotas: quotas,
            models: try StyleModels.loadAvailable(from: ModelLocator(directory: Fixtures.models)))
        let video = directory.appendingPathComponent("bunny.mp4")
        try FileManager.default.copyItem(at: Fixtures.video, to: video)
        let asset = try assets.create(account: account, uploadedFile: video, declaredName: "bunny.mp4")
        let style = directory.appendingPathComponent("style.jpg")
        try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent("asheville.jpg"), to: style)
        let filter = try filters.create(account: account, styleImage: style, name: "Asheville")

        let payload = try JSONSerialization.data(withJSONObject: [
            "content": asset.id.rawValue, "filters": [["id": filter.id.rawValue, "weight": 1]], "max_side": 128,
        ])
        let created = try client.send(
            "POST", "/v1/stylizations", token: token, headers: [("Content-Type", "application/json")], body: [UInt8](payload))
        XCTAssertEqual(created.status, 202, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)

        var status = ""
        let deadline = Date().addingTimeInterval(240)
        while !["succeeded", "failed", "canceled"].contains(status), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            status = try client.get("/v1/stylizations/\(id)", token: token).json()["status"] as? String ?? ""
        }
        XCTAssertEqual(status, "succeeded")
        let results = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("results").path)
        XCTAssertTrue(results.contains { $0.hasPrefix(id) && $0.hasSuffix(".mp4") }, "\(results)")
        let download = try client.get("/v1/stylizations/\(id)/result", token: token)
        XCTAssertEqual(download.status, 200)
        XCTAssertEqual(download.header("Content-Type"), "video/mp4")

        stopped = true
        XCTAssertEqual(serve.stop(), 0, "graceful shutdown stops the workers and exits 0")
    }
}
