import Foundation
import Media
import TestSupport
import XCTest

/// The acceptance test of Stylify on several machines, on one: two `serve --role api` and two
/// `serve --role worker` processes, each with its own empty data directory, sharing only a
/// PostgreSQL database (the loopback test cluster) and an S3-compatible bucket (SeaweedFS with
/// signature checking). A video is spread over both workers in segments; one worker is killed
/// with SIGKILL mid-video and the job still succeeds with every frame once and its frames
/// charged once; after every process restarts, nothing is lost.
final class ServeClusterTests: XCTestCase {
    private var directory: URL!
    private var cluster: PostgresTestCluster!
    private var databaseURL: String!
    private var s3: S3TestServer!
    private var prefix = "cluster-\(UUID().uuidString.prefix(8).lowercased())"

    override func setUpWithError() throws {
        cluster = try PostgresTestCluster.sharedOrSkip()
        s3 = try S3TestServer.sharedOrSkip()
        directory = try Fixtures.temporaryDirectory("serve-cluster")
        databaseURL = try cluster.createDatabase("cluster")
    }

    override func tearDownWithError() throws {
        if let databaseURL { cluster?.dropDatabase(url: databaseURL) }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// A node with its own data directory `name` (kept across its restarts, as a machine's disk).
    private func node(_ name: String, role: String) throws -> ServeProcess {
        let data = directory.appendingPathComponent("data-\(name)")
        return try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--gallery", directory.path,
             "--schema-dir", Fixtures.repositoryRoot.appendingPathComponent("Schema").path, "--quiet", "--role", role,
             "--database-url", databaseURL, "--blob-url", "s3://\(S3TestServer.bucket)/\(prefix)", "--s3-endpoint", s3.endpoint,
             "--threads", "1", "--video-segment-frames", "48"],
            in: directory,
            environment: ["AWS_ACCESS_KEY_ID": S3TestServer.accessKey, "AWS_SECRET_ACCESS_KEY": S3TestServer.secretKey])
    }

    private var databaseName: String { String(databaseURL.split(separator: "/").last ?? "") }

    private func sql(_ query: String) throws -> String {
        try cluster.psql(query, database: databaseName).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// cutBunny's 240 frames at 256 px with a keyframe every 24 frames (where a job can be cut), and its audio.
    private func keyframedVideo() throws -> URL {
        let url = directory.appendingPathComponent("keyframed.mp4")
        try KeyframedVideo.write(to: url, maxSide: 256)
        return url
    }

    private func frameTimes(_ url: URL) throws -> [Double] {
        let decoder = try VideoDecoder(url: url, outputMaxSide: 16)
        var times: [Double] = []
        try decoder.forEachFrame { times.append($0.time) }
        return times
    }

    private func submit(_ client: HTTPClient, token: String, _ body: [String: Any]) throws -> String {
        let created = try client.send("POST", "/v1/stylizations", token: token, headers: [("Content-Type", "application/json")],
                                      body: [UInt8](try JSONSerialization.data(withJSONObject: body)))
        XCTAssertEqual(created.status, 202, "API nodes queue every job: \(created.text)")
        return try XCTUnwrap(try created.json()["id"] as? String)
    }

    private func waitUntilEnded(_ client: HTTPClient, token: String, _ id: String, timeout: TimeInterval = 240) throws -> [String: Any] {
        var body: [String: Any] = [:]
        let deadline = Date().addingTimeInterval(timeout)
        while !["succeeded", "failed", "canceled"].contains(body["status"] as? String ?? ""), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            body = try client.get("/v1/stylizations/\(id)", token: token).json()
        }
        return body
    }

    func testTwoAPINodesAndTwoWorkersShareOnlyPostgreSQLAndTheBucketAndSurviveAKilledWorker() throws {
        var processes: [String: ServeProcess] = [:]
        defer {
            for process in processes.values where process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) }
        }
        processes["api1"] = try node("api1", role: "api")
        processes["api2"] = try node("api2", role: "api")
        var first = HTTPClient(port: processes["api1"]!.port), second = HTTPClient(port: processes["api2"]!.port)
        first.timeoutSeconds = 60
        second.timeoutSeconds = 60

        // Sign up on node 1, upgrade with the operator CLI, upload on node 2.
        let signUp = try first.post("/v1/accounts", json: ["email": "cluster@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)
        let account = try XCTUnwrap((try signUp.json()["account"] as? [String: Any])?["id"] as? String)
        let upgrade = try StylifyProcess.run([
            "admin", "accounts", "set-plan", account, "premium", "--database-url", databaseURL,
            "--schema-dir", Fixtures.repositoryRoot.appendingPathComponent("Schema").path,
        ], currentDirectory: directory)
        XCTAssertEqual(upgrade.status, 0, upgrade.stderr)
        let (photo, filter) = try second.uploadPhotoAndFilter(token: token)
        let video = try keyframedVideo()
        let uploaded = try second.send("POST", "/v1/assets", token: token, headers: [("Content-Type", "video/mp4")],
                                       body: [UInt8](try Data(contentsOf: video)))
        XCTAssertEqual(uploaded.status, 201, uploaded.text)
        let videoAsset = try XCTUnwrap(try uploaded.json()["id"] as? String)

        let image = try submit(first, token: token, ["content": photo, "filters": [["id": filter]], "max_side": 96, "format": "png"])
        let clip = try submit(second, token: token, ["content": videoAsset, "filters": [["id": filter]]])
        processes["worker1"] = try node("worker1", role: "worker")
        processes["worker2"] = try node("worker2", role: "worker")

        // Both workers render segments of the one video; then one of them dies.
        let deadline = Date().addingTimeInterval(180)
        while try sql("SELECT count(*) FROM job_segments WHERE status = 'running'") != "2", Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTAssertEqual(try sql("SELECT count(*) FROM job_segments WHERE status = 'running'"), "2", "two workers on one video")
        let victim = processes.removeValue(forKey: "worker1")!
        kill(victim.process.processIdentifier, SIGKILL)
        victim.process.waitUntilExit()

        let imageBody = try waitUntilEnded(first, token: token, image)
        XCTAssertEqual(imageBody["status"] as? String, "succeeded", "\(imageBody)")
        // The dead worker's leases (10 s) pass; the other worker takes over its segments (and the
        // job itself, if the dead one was joining it), keeping the pieces already done.
        let clipBody = try waitUntilEnded(first, token: token, clip)
        XCTAssertEqual(clipBody["status"] as? String, "succeeded", "\(clipBody)")
        XCTAssertEqual((clipBody["result"] as? [String: Any])?["frames"] as? Int, 240)

        let download = try first.get("/v1/stylizations/\(clip)/result", token: token)
        XCTAssertEqual(download.status, 200)
        XCTAssertEqual(download.header("Content-Type"), "video/mp4")
        let result = directory.appendingPathComponent("result.mp4")
        try Data(download.body).write(to: result)
        XCTAssertEqual(try frameTimes(result), try frameTimes(video), "every frame once, at its source time")
        XCTAssertEqual(try VideoProbe.probe(contentsOf: result).audioCodec, "aac", "the source's audio")
        let imageDownload = try second.get("/v1/stylizations/\(image)/result", token: token)
        XCTAssertEqual(Array(imageDownload.body.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG rendered by a worker, served by node 2")
        let usage = (try second.get("/v1/me", token: token).json()["quota"] as? [String: Any])?["usage"] as? [String: Any]
        XCTAssertEqual(usage?["frames"] as? Int, 241, "the image and the video's 240 frames, charged once: \(String(describing: usage))")
        XCTAssertEqual(try sql("SELECT count(*) FROM job_segments"), "0", "the segments went with the success")

        // Every process stops and starts again: nothing is lost.
        for name in ["api1", "api2", "worker2"] { XCTAssertEqual(processes.removeValue(forKey: name)?.stop(), 0, name) }
        processes["api1"] = try node("api1", role: "api")
        processes["worker1"] = try node("worker1", role: "worker")
        var restarted = HTTPClient(port: processes["api1"]!.port)
        restarted.timeoutSeconds = 60
        XCTAssertEqual(try restarted.get("/v1/stylizations/\(clip)", token: token).json()["status"] as? String, "succeeded")
        let again = try restarted.get("/v1/stylizations/\(clip)/result", token: token)
        XCTAssertEqual(again.body, download.body, "the same result, from the bucket")
        let listed = try XCTUnwrap(try restarted.get("/v1/assets", token: token).json()["data"] as? [[String: Any]])
        XCTAssertEqual(listed.filter { $0["source"] as? String == "stylization" }.count, 2, "one result asset per job")
    }
}
