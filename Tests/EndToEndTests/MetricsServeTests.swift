import API
import Filters
import Foundation
import HTTPServer
import Inference
import Quotas
import Storage
import TestSupport
import XCTest

/// `/metrics` and `stylify admin stats` on the real `stylify serve`: the operator token file, the
/// job and inference figures after a stylization, and the operator's report of them.
final class MetricsServeTests: XCTestCase {
    private var directory: URL!
    private var data: URL { directory.appendingPathComponent("data") }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("serve-metrics")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func serve(_ extra: [String] = []) throws -> ServeProcess {
        try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--quiet"] + extra, in: directory)
    }

    private func metrics(_ port: Int, token: String?) throws -> HTTPClient.Response {
        try HTTPClient(port: port).get("/metrics", token: token)
    }

    func testServeCreatesAnOwnerOnlyTokenFileAndReusesItAfterARestart() throws {
        let first = try serve()
        let path = data.appendingPathComponent("operator-token").path
        let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let permissions = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        XCTAssertEqual(permissions & 0o777, 0o600)
        XCTAssertEqual(try metrics(first.port, token: token).status, 200)
        XCTAssertEqual(try metrics(first.port, token: nil).status, 401)
        XCTAssertEqual(first.stop(), 0)

        let second = try serve()
        defer { _ = second.stop() }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), token)
        let response = try metrics(second.port, token: token)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), PrometheusText.contentType)
    }

    func testConfiguredOperatorTokenWinsOverTheFile() throws {
        let generated = try serve()
        _ = generated.stop()
        let fileToken = try String(contentsOfFile: data.appendingPathComponent("operator-token").path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let configured = try serve(["--operator-token", "configured-operator-token-42"])
        defer { _ = configured.stop() }
        XCTAssertEqual(try metrics(configured.port, token: "configured-operator-token-42").status, 200)
        XCTAssertEqual(try metrics(configured.port, token: fileToken).status, 401)
    }

    func testServeRefusesAnOperatorTokenTooShortToBeSafe() throws {
        let outcome = try ServeProcess.runToExit(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--quiet", "--operator-token", "abc"],
            in: directory)
        XCTAssertEqual(outcome.status, 64)
        XCTAssertTrue(outcome.stderr.contains("at least 16 characters"), outcome.stderr)
    }

    func testAStylizationShowsUpInJobAndInferenceFiguresAndInAdminStats() throws {
        let server = try serve(["--operator-token", "e2e-operator-token-0123456789"])
        defer { _ = server.stop() }
        var client = HTTPClient(port: server.port)
        client.timeoutSeconds = 120
        let signUp = try client.post("/v1/accounts", json: ["email": "metrics@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let body = try signUp.json()
        let session = try XCTUnwrap(body["session_token"] as? String)
        let account = try XCTUnwrap((body["account"] as? [String: Any])?["id"] as? String)

        // Content and a filter seeded through the domain services on the server's data, as the
        // assets and filters endpoints would.
        let database = try Database(
            url: data.appendingPathComponent("stylify.sqlite"), configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        let quotas = try QuotaService(database: database)
        let blobs = try LocalDiskBlobStore(root: data.appendingPathComponent("blobs"))
        let photo = directory.appendingPathComponent("photo.jpg")
        try FileManager.default.copyItem(at: Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg"), to: photo)
        let asset = try AssetService(database: database, blobs: blobs, quotas: quotas)
            .create(account: account, uploadedFile: photo, declaredName: "photo.jpg")
        let style = directory.appendingPathComponent("style.jpg")
        try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent("asheville.jpg"), to: style)
        let filter = try FilterService(
            database: database, blobs: blobs, quotas: quotas,
            models: try StyleModels.loadAvailable(from: ModelLocator(directory: Fixtures.models)))
            .create(account: account, styleImage: style, name: "Asheville")

        let payload = try JSONSerialization.data(withJSONObject: [
            "content": asset.id.rawValue, "filters": [["id": filter.id.rawValue, "weight": 1]], "max_side": 128,
        ])
        let created = try client.send(
            "POST", "/v1/stylizations", token: session, headers: [("Content-Type", "application/json")], body: [UInt8](payload))
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        XCTAssertEqual(try client.get("/v1/stylizations/\(id)", token: session).status, 200)

        let scraped = try metrics(server.port, token: "e2e-operator-token-0123456789")
        XCTAssertEqual(scraped.status, 200)
        XCTAssertFalse(scraped.text.contains(id), "a stylization id must never become a label")
        let families = Dictionary(try PrometheusTextParser.parse(scraped.text).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func value(_ name: String, _ labels: [String: String] = [:]) throws -> Double {
            try XCTUnwrap(families[name]?.sample(labels)?.number, "\(name) \(labels)")
        }
        // A 128-pixel-long photo: a few hundredths of a megapixel, rendered in well under a minute.
        let seconds = try value("stylify_inference_seconds_total", ["model": "microast"])
        let megapixels = try value("stylify_inference_megapixels_total", ["model": "microast"])
        XCTAssertGreaterThan(seconds, 0)
        XCTAssertLessThan(seconds, 60)
        XCTAssertGreaterThan(megapixels, 0.005)
        XCTAssertLessThanOrEqual(megapixels, 128.0 * 128 / 1e6)
        XCTAssertEqual(try value("stylify_inference_seconds_per_megapixel", ["model": "microast"]), seconds / megapixels, accuracy: 1e-9)
        XCTAssertEqual(try value("stylify_inference_megapixels_total", ["model": "adain"]), 0)
        XCTAssertEqual(try value("stylify_jobs", ["state": "succeeded"]), 1)
        for state in ["queued", "running", "failed", "canceled"] { XCTAssertEqual(try value("stylify_jobs", ["state": state]), 0) }
        XCTAssertEqual(try value("stylify_jobs_queue_depth"), 0)
        XCTAssertEqual(try value("stylify_jobs_running"), 0)
        // The serve wiring includes the webhook collector (no endpoint registered here, so all zero).
        for status in ["pending", "delivered", "failed"] { XCTAssertEqual(try value("stylify_webhook_deliveries", ["status": status]), 0) }
        XCTAssertEqual(try value("stylify_webhook_delivery_attempts_total", ["outcome": "delivered"]), 0)
        XCTAssertEqual(try value("stylify_stylization_latency_samples"), 1)
        let mean = try value("stylify_stylization_latency_seconds_rolling_mean")
        XCTAssertGreaterThanOrEqual(mean, seconds)
        XCTAssertLessThan(mean, 120)
        XCTAssertEqual(try value("stylify_http_requests_total", ["method": "POST", "route": "/v1/stylizations", "status": "201"]), 1)
        XCTAssertEqual(try value("stylify_http_requests_total", ["method": "GET", "route": "/v1/stylizations/{id}", "status": "200"]), 1)
        XCTAssertEqual(try value("stylify_build_info", ["version": "0.7.0"]), 1)
        let started = try value("stylify_process_start_time_seconds")
        XCTAssertEqual(started, Date().timeIntervalSince1970, accuracy: 300)
        XCTAssertGreaterThan(try value("stylify_process_resident_memory_bytes"), 1_048_576)

        let url = "http://127.0.0.1:\(server.port)"
        let table = try StylifyProcess.run(
            ["admin", "stats", "--server", url], environment: ["STYLIFY_OPERATOR_TOKEN": "e2e-operator-token-0123456789"])
        XCTAssertEqual(table.status, 0, table.stderr)
        for expected in ["server \(url)", "version 0.7.0", "/v1/stylizations/{id}", "POST", "201", "microast", "queue depth",
                         "state succeeded", "rolling mean latency"] {
            XCTAssertTrue(table.stdout.contains(expected), "missing \(expected) in:\n\(table.stdout)")
        }

        let json = try StylifyProcess.run(
            ["admin", "stats", "--server", url, "--operator-token", "e2e-operator-token-0123456789", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let jobs = try XCTUnwrap(report["jobs"] as? [String: Any])
        XCTAssertEqual((jobs["by_state"] as? [String: Int])?["succeeded"], 1)
        XCTAssertEqual(jobs["queue_depth"] as? Int, 0)
        XCTAssertEqual(jobs["latency_samples"] as? Int, 1)
        let inference = try XCTUnwrap(report["inference"] as? [[String: Any]])
        let microast = try XCTUnwrap(inference.first { $0["model"] as? String == "microast" })
        XCTAssertEqual(try XCTUnwrap(microast["megapixels"] as? Double), megapixels, accuracy: 1e-9)
        let requests = try XCTUnwrap(report["requests"] as? [[String: Any]])
        let post = try XCTUnwrap(requests.first { $0["route"] as? String == "/v1/stylizations" && $0["method"] as? String == "POST" })
        XCTAssertEqual(post["count"] as? Int, 1)
        XCTAssertNotNil(post["p99_seconds"] as? Double)
    }

    func testAdminStatsReadsTheTokenFileOfTheDataDirectory() throws {
        let server = try serve()
        defer { _ = server.stop() }
        let outcome = try StylifyProcess.run(
            ["admin", "stats", "--server", "http://127.0.0.1:\(server.port)", "--data-dir", data.path, "--json"],
            environment: ["STYLIFY_OPERATOR_TOKEN": ""])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)))
    }

    func testAdminStatsWithAWrongTokenExitsNoPermission() throws {
        let server = try serve(["--operator-token", "the-right-operator-token"])
        defer { _ = server.stop() }
        let outcome = try StylifyProcess.run(
            ["admin", "stats", "--server", "http://127.0.0.1:\(server.port)", "--operator-token", "the-wrong-operator-token"])
        XCTAssertEqual(outcome.status, 77)
        XCTAssertTrue(outcome.stderr.contains("401"), outcome.stderr)
    }

    func testAdminStatsExitsUnavailableNamingTheURLWhenNoServerListens() throws {
        let port = try Self.closedPort()
        let url = "http://127.0.0.1:\(port)"
        let outcome = try StylifyProcess.run(["admin", "stats", "--server", url, "--operator-token", "whatever-token-1234567"])
        XCTAssertEqual(outcome.status, 69)
        XCTAssertTrue(outcome.stderr.contains("cannot reach the server at \(url)"), outcome.stderr)
        XCTAssertTrue(outcome.stdout.isEmpty)

        let listen = try StylifyProcess.run(["admin", "stats"], environment: ["STYLIFY_LISTEN": "0.0.0.0:\(port)", "STYLIFY_OPERATOR_TOKEN": ""])
        XCTAssertEqual(listen.status, 69)
        XCTAssertTrue(listen.stderr.contains(url), "STYLIFY_LISTEN's wildcard is asked on loopback: \(listen.stderr)")
    }

    func testAdminStatsRefusesAServerURLItCannotUse() throws {
        for bad in ["https://127.0.0.1:8080", "127.0.0.1:8080", "http://", "http://host:99999", "http://host:80/some/path"] {
            let outcome = try StylifyProcess.run(["admin", "stats", "--server", bad])
            XCTAssertEqual(outcome.status, 64, "\(bad): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.contains("invalid server URL"), outcome.stderr)
        }
    }

    /// An in-process server with the given routes (a test's own `/metrics`).
    private func inProcessServer(_ routes: (inout Router) throws -> Void) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.ioThreads = 1
        configuration.accessLog = AccessLog(format: .off)
        configuration.temporaryDirectory = directory.appendingPathComponent("spool")
        var router = Router()
        try routes(&router)
        let server = HTTPServer(configuration: configuration, router: router)
        try server.start()
        return server
    }

    private func metricsServer(registry: MetricsRegistry) throws -> HTTPServer {
        try inProcessServer { router in
            MetricsEndpoint.register(on: &router, registry: registry, token: try OperatorToken("in-process-operator-token"))
        }
    }

    func testAdminStatsShowsWebhookDeliveriesAndFailedCollectorsWhenTheServerHasThem() throws {
        struct Broken: Error {}
        let server = try metricsServer(registry: MetricsRegistry([
            MetricsCollector("webhooks") {
                [
                    MetricFamily(name: "stylify_webhook_deliveries", help: "Deliveries by status.", kind: .gauge, samples: [
                        MetricSample(labels: [("status", "delivered")], 12), MetricSample(labels: [("status", "failed")], 3),
                    ]),
                    MetricFamily(name: "stylify_webhook_delivery_attempts_total", help: "Attempts by outcome.", kind: .counter, samples: [
                        MetricSample(labels: [("outcome", "success")], 12), MetricSample(labels: [("outcome", "timeout")], 5),
                    ]),
                ]
            },
            MetricsCollector("jobs") { throw Broken() },
        ]))
        defer { server.shutdown(gracePeriod: .seconds(1)) }
        let arguments = ["admin", "stats", "--server", server.baseURL, "--operator-token", "in-process-operator-token"]
        let table = try StylifyProcess.run(arguments)
        XCTAssertEqual(table.status, 0, table.stderr)
        for expected in ["webhook deliveries", "delivered", "12", "webhook delivery attempts", "timeout", "failed collectors: jobs"] {
            XCTAssertTrue(table.stdout.contains(expected), "missing \(expected) in:\n\(table.stdout)")
        }
        let json = try StylifyProcess.run(arguments + ["--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["webhook_deliveries"] as? [String: Int], ["delivered": 12, "failed": 3])
        XCTAssertEqual(report["webhook_delivery_attempts"] as? [String: Int], ["success": 12, "timeout": 5])
        XCTAssertEqual(report["failed_collectors"] as? [String], ["jobs"])
    }

    func testAdminStatsExitsProtocolErrorWhenTheAnswerIsNotPrometheusText() throws {
        let server = try inProcessServer { router in router.get("/metrics") { _ in .text("<html>a proxy's login page</html>\n") } }
        defer { server.shutdown(gracePeriod: .seconds(1)) }
        let outcome = try StylifyProcess.run(["admin", "stats", "--server", server.baseURL, "--operator-token", "whatever-token-1234567"])
        XCTAssertEqual(outcome.status, 76)
        XCTAssertTrue(outcome.stderr.contains("is not Prometheus text"), outcome.stderr)
    }

    func testAdminStatsReadsAChunkedAnswer() throws {
        // A proxy in front of the server may re-frame the body; admin stats must still read it whole.
        let text = PrometheusText.encode(JobMetricsFixture.families)
        let server = try inProcessServer { router in
            router.get("/metrics") { _ in
                Response(status: .ok, headers: ["Content-Type": PrometheusText.contentType], body: .stream(ResponseStream { writer in
                    var rest = Substring(text)
                    while !rest.isEmpty {
                        try writer.write(String(rest.prefix(37)))
                        rest = rest.dropFirst(37)
                    }
                }))
            }
        }
        defer { server.shutdown(gracePeriod: .seconds(1)) }
        let outcome = try StylifyProcess.run(["admin", "stats", "--server", server.baseURL, "--operator-token", "whatever-token-1234567", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let jobs = try XCTUnwrap(report["jobs"] as? [String: Any])
        XCTAssertEqual(jobs["queue_depth"] as? Int, 4)
        XCTAssertEqual((jobs["by_state"] as? [String: Int])?["failed"], 2)
    }

    /// A loopback port nothing listens on: bound, then released.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Job figures as the jobs collector would expose them.
enum JobMetricsFixture {
    static let families = [
        MetricFamily(name: "stylify_jobs_queue_depth", help: "Queue.", kind: .gauge, samples: [MetricSample(4)]),
        MetricFamily(name: "stylify_jobs", help: "By state.", kind: .gauge, samples: [
            MetricSample(labels: [("state", "succeeded")], 10), MetricSample(labels: [("state", "failed")], 2),
        ]),
    ]
}
