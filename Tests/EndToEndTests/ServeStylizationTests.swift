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

    /// `stylify serve` on the shared data directory (one SQLite file and blob folder: several
    /// processes on one machine, the way several nodes share a database and a blob store).
    private func serve(role: String = "all", threads: Int? = nil) throws -> ServeProcess {
        try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--quiet", "--role", role]
                + (threads.map { ["--threads", String($0)] } ?? []),
            in: directory)
    }

    private struct Seeded {
        let token: String
        let account: String
        let quotas: QuotaService
        let stylization: String
    }

    /// Signs up a premium account, seeds the bunny video (or `content`) and a filter, and submits
    /// a 202 job.
    private func seedAndSubmit(_ client: HTTPClient, maxSide: Int, content: URL = Fixtures.video) throws -> Seeded {
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
        let copy = directory.appendingPathComponent(content.lastPathComponent)
        try FileManager.default.copyItem(at: content, to: copy)
        let asset = try assets.create(account: account, uploadedFile: copy, declaredName: content.lastPathComponent)
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

    /// Waits (≤ 120 s) until the job has rendered `frames` frames, so a kill lands mid-job.
    private func waitForProgress(_ client: HTTPClient, _ seeded: Seeded, frames: Int = 2) throws {
        let deadline = Date().addingTimeInterval(120)
        var done = 0
        while done < frames, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            let progress = try client.get("/v1/stylizations/\(seeded.stylization)", token: seeded.token).json()["progress"]
            done = (progress as? [String: Any])?["done"] as? Int ?? 0
        }
        XCTAssertGreaterThanOrEqual(done, frames, "the job never made progress")
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
        try waitForProgress(client, seeded)
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

    // MARK: roles: one API node and worker nodes on the shared database and blob store

    private func readiness(_ client: HTTPClient) throws -> [String: Any] {
        try client.get("/readyz").json()
    }

    private func liveWorkers(_ client: HTTPClient) throws -> String? {
        (try readiness(client)["checks"] as? [String: Any])?["workers"] as? String
    }

    func testAnAPINodeNeverRendersAndAWorkerNodeRunsItsJobs() throws {
        let api = try serve(role: "api")
        defer { _ = api.stop() }
        var client = HTTPClient(port: api.port)
        client.timeoutSeconds = 60
        let ready = try readiness(client)
        XCTAssertEqual(ready["role"] as? String, "api", "\(ready)")
        XCTAssertEqual(try liveWorkers(client), "0 live")

        // A small image renders within the request on an `all` node (201); an API node queues it.
        let seeded = try seedAndSubmit(client, maxSide: 64, content: Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        Thread.sleep(forTimeInterval: 2)
        let waiting = try client.get("/v1/stylizations/\(seeded.stylization)", token: seeded.token).json()
        XCTAssertEqual(waiting["status"] as? String, "queued", "no worker runs, so nothing renders it: \(waiting)")

        let worker = try serve(role: "worker", threads: 1)
        defer { _ = worker.stop() }
        let workerClient = HTTPClient(port: worker.port)
        XCTAssertEqual(try readiness(workerClient)["role"] as? String, "worker")
        XCTAssertEqual(try workerClient.get("/v1/me", token: seeded.token).status, 404, "a worker serves no API")
        let body = try waitUntilEnded(client, seeded, timeout: 120)
        XCTAssertEqual(body["status"] as? String, "succeeded", "\(body)")
        XCTAssertEqual(try liveWorkers(client), "1 live")
        let metrics = try client.get("/metrics", headers: [("Authorization", "Bearer \(try operatorToken())")])
        XCTAssertTrue(metrics.text.contains("stylify_live_nodes{role=\"worker\"} 1"), metrics.text)
        XCTAssertTrue(metrics.text.contains("stylify_node_info{role=\"api\""), metrics.text)

        XCTAssertEqual(worker.stop(), 0)
        XCTAssertEqual(try liveWorkers(client), "0 live", "a worker that stops cleanly leaves at once")
    }

    func testAJobOfAKilledWorkerIsTakenOverByAnotherWithFramesMeteredOnce() throws {
        let api = try serve(role: "api")
        defer { _ = api.stop() }
        var first: ServeProcess? = try serve(role: "worker", threads: 1)
        defer { if let first, first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        var client = HTTPClient(port: api.port)
        client.timeoutSeconds = 60
        let seeded = try seedAndSubmit(client, maxSide: 160)
        try waitForProgress(client, seeded)
        let second = try serve(role: "worker", threads: 1)
        defer { _ = second.stop() }
        kill(first!.process.processIdentifier, SIGKILL)
        first!.process.waitUntilExit()
        first = nil

        // The dead worker's lease (10 s) passes, the other worker's keeper re-queues the job and runs it.
        let body = try waitUntilEnded(client, seeded)
        XCTAssertEqual(body["status"] as? String, "succeeded", "\(body)")
        try assertResultIsTheOnlyResultAsset(client, seeded, body)
        let usage = try seeded.quotas.usage(account: seeded.account)
        XCTAssertEqual(usage.frames, 240, "metered exactly once")
        XCTAssertEqual(usage.reservedFrames, 0)
        XCTAssertEqual(try liveWorkers(client), "1 live", "the killed worker's heartbeat aged out")
    }

    private func operatorToken() throws -> String {
        try String(contentsOf: data.appendingPathComponent("operator-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
