import Filters
import Foundation
import Inference
import Quotas
import Storage
import TestSupport
import XCTest

/// `stylify serve` runs stylizations: its job workers render a video, the result becomes an asset
/// of the account, a `kill -9` mid-job is recovered with the frames metered and the asset created
/// exactly once, and it still shuts down cleanly. Content and a filter are seeded through the
/// domain services on the same data directory, as the assets and filters endpoints would.
final class ServeStylizationTests: XCTestCase {
    private var directory: URL!
    private var data: URL { directory.appendingPathComponent("data") }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("serve-stylize")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func serve() throws -> ServeProcess {
        try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--quiet"], in: directory)
    }

    private struct Seeded {
        let token: String
        let account: String
        let quotas: QuotaService
        let stylization: String
    }

    /// Signs up a premium account, seeds the bunny video and a filter, and submits a 202 video job.
    private func seedAndSubmit(_ client: HTTPClient, maxSide: Int) throws -> Seeded {
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
            "content": asset.id.rawValue, "filters": [["id": filter.id.rawValue, "weight": 1]], "max_side": maxSide,
        ])
        let created = try client.send(
            "POST", "/v1/stylizations", token: token, headers: [("Content-Type", "application/json")], body: [UInt8](payload))
        XCTAssertEqual(created.status, 202, created.text)
        return Seeded(token: token, account: account, quotas: quotas, stylization: try XCTUnwrap(try created.json()["id"] as? String))
    }

    private func waitUntilEnded(_ client: HTTPClient, _ seeded: Seeded, timeout: TimeInterval = 240) throws -> [String: Any] {
        var body: [String: Any] = [:]
        let deadline = Date().addingTimeInterval(timeout)
        while !["succeeded", "failed", "canceled"].contains(body["status"] as? String ?? ""), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            body = try client.get("/v1/stylizations/\(seeded.stylization)", token: seeded.token).json()
        }
        return body
    }

    /// The video result is the account's one `stylization` asset, downloads as MP4, and nothing of
    /// the job stays in the results directory.
    private func assertResultIsTheOnlyResultAsset(_ client: HTTPClient, _ seeded: Seeded, _ body: [String: Any]) throws {
        let result = try XCTUnwrap(body["result"] as? [String: Any], "\(body)")
        let assetID = try XCTUnwrap(result["asset_id"] as? String)
        let listed = try XCTUnwrap(try client.get("/v1/assets", token: seeded.token).json()["data"] as? [[String: Any]])
        let results = listed.filter { $0["source"] as? String == "stylization" }
        XCTAssertEqual(results.map { $0["id"] as? String }, [assetID], "exactly one result asset")
        XCTAssertEqual(results.first?["stylization"] as? String, seeded.stylization)
        XCTAssertEqual(results.first?["kind"] as? String, "video")
        XCTAssertEqual(results.first?["frames"] as? Int, 240)
        XCTAssertNotNil(results.first?["duration_s"] as? Double, "a video result records its duration")
        let download = try client.get("/v1/stylizations/\(seeded.stylization)/result", token: seeded.token)
        XCTAssertEqual(download.status, 200)
        XCTAssertEqual(download.header("Content-Type"), "video/mp4")
        XCTAssertEqual(download.body.count, result["bytes"] as? Int)
        let left = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("results").path)
        XCTAssertEqual(left, [], "the results directory keeps only unfinished output")
    }

    func testServeRendersAVideoStylizationIntoAnAssetAndShutsDownCleanly() throws {
        let serve = try serve()
        var stopped = false
        defer { if !stopped { _ = serve.stop() } }
        var client = HTTPClient(port: serve.port)
        client.timeoutSeconds = 60
        let seeded = try seedAndSubmit(client, maxSide: 128)

        let body = try waitUntilEnded(client, seeded)
        XCTAssertEqual(body["status"] as? String, "succeeded", "\(body)")
        try assertResultIsTheOnlyResultAsset(client, seeded, body)

        stopped = true
        XCTAssertEqual(serve.stop(), 0, "graceful shutdown stops the workers and exits 0")
    }

    func testAServerKilledMidJobIsRecoveredWithOneResultAssetAndFramesMeteredOnce() throws {
        var first: ServeProcess? = try serve()
        defer { if let first, first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        var client = HTTPClient(port: first!.port)
        client.timeoutSeconds = 60
        let seeded = try seedAndSubmit(client, maxSide: 160)
        let deadline = Date().addingTimeInterval(120)
        var done = 0
        while done < 2, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            let progress = try client.get("/v1/stylizations/\(seeded.stylization)", token: seeded.token).json()["progress"]
            done = (progress as? [String: Any])?["done"] as? Int ?? 0
        }
        XCTAssertGreaterThanOrEqual(done, 2, "the job never made progress")
        kill(first!.process.processIdentifier, SIGKILL)
        first!.process.waitUntilExit()
        first = nil

        let second = try serve()
        defer { _ = second.stop() }
        client = HTTPClient(port: second.port)
        client.timeoutSeconds = 60
        // The dead worker's lease (10 s) must pass before the job runs again.
        let body = try waitUntilEnded(client, seeded)
        XCTAssertEqual(body["status"] as? String, "succeeded", "\(body)")
        try assertResultIsTheOnlyResultAsset(client, seeded, body)
        let usage = try seeded.quotas.usage(account: seeded.account)
        XCTAssertEqual(usage.frames, 240, "metered exactly once")
        XCTAssertEqual(usage.reservedFrames, 0)
    }
}
