import API
import Foundation
import HTTPServer
import TestSupport
import XCTest

/// `GET /metrics` over a real server on port 0: the operator token, and request counts by route
/// template recorded by the server itself.
final class MetricsEndpointTests: XCTestCase {
    struct CollectorBroke: Error {}

    private let token = try! OperatorToken("test-operator-token-0123456789")
    private var server: TestServer!
    private var webRoot: URL!
    private let client = URLSessionClient()

    override func setUpWithError() throws {
        webRoot = try Fixtures.temporaryDirectory("metrics-web")
        try "<h1>hi</h1>".write(to: webRoot.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let requests = HTTPRequestMetrics(stripes: 2)
        let token = self.token
        let webRoot = self.webRoot
        server = try TestServer(
            configure: { configuration in
                configuration.requestMetrics = requests
                configuration.webRoot = webRoot
            },
            routes: { router in
                router.get("/v1/items/{id}") { request in
                    if request.parameters["id"] == "missing" { throw HTTPError.notFound("No such item.") }
                    return .text("item")
                }
                router.get("/v1/fast", options: .inline) { _ in .text("fast") }
                let registry = MetricsRegistry([
                    requests.collector,
                    MetricsCollector("broken") { throw CollectorBroke() },
                    MetricsCollector("fixed") { [MetricFamily(name: "stylify_fixed", help: "A constant.", kind: .gauge, samples: [MetricSample(7)])] },
                ])
                MetricsEndpoint.register(on: &router, registry: registry, token: token)
            })
    }

    override func tearDownWithError() throws {
        server?.stop()
        try? FileManager.default.removeItem(at: webRoot)
    }

    private func scrape() throws -> (text: String, families: [MetricFamily]) {
        let response = try client.get(server.baseURL + "/metrics", headers: ["Authorization": "Bearer \(token.value)"])
        XCTAssertEqual(response.status, 200, response.text)
        return (response.text, try PrometheusTextParser.parse(response.text))
    }

    private func requests(_ families: [MetricFamily], _ method: String, _ route: String, _ status: Int) -> Double {
        families.first { $0.name == "stylify_http_requests_total" }?
            .sample(["method": method, "route": route, "status": String(status)])?.number ?? 0
    }

    func testMetricsWithoutTheOperatorTokenIs401() throws {
        let missing = try client.get(server.baseURL + "/metrics")
        XCTAssertEqual(missing.status, 401)
        XCTAssertEqual(try missing.json()["code"] as? String, "operator_token_required")
        XCTAssertEqual(missing.header("WWW-Authenticate"), #"Bearer realm="stylify-operator""#)
        XCTAssertFalse(missing.text.contains("stylify_"))

        let wrong = try client.get(server.baseURL + "/metrics", headers: ["Authorization": "Bearer test-operator-token-0123456780"])
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(try wrong.json()["code"] as? String, "invalid_operator_token")

        let basic = try client.get(server.baseURL + "/metrics", headers: ["Authorization": "Basic dGVzdDp0ZXN0"])
        XCTAssertEqual(basic.status, 401)
        XCTAssertEqual(try basic.json()["code"] as? String, "malformed_authorization")
    }

    func testRightTokenGetsPrometheusTextWithTheRegisteredFamilies() throws {
        let response = try client.get(server.baseURL + "/metrics", headers: ["Authorization": "Bearer \(token.value)"])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8")
        let families = try PrometheusTextParser.parse(response.text)
        let names = Set(families.map(\.name))
        XCTAssertTrue(names.isSuperset(of: ["stylify_http_requests_total", "stylify_http_request_duration_seconds", "stylify_fixed"]), "\(names)")
        XCTAssertEqual(families.first { $0.name == "stylify_http_requests_total" }?.kind, .counter)
        XCTAssertEqual(families.first { $0.name == "stylify_http_request_duration_seconds" }?.kind, .histogram)
    }

    func testAFailingCollectorIsReportedDownWithoutFailingTheScrape() throws {
        let families = try scrape().families
        let up = try XCTUnwrap(families.first { $0.name == "stylify_metrics_collector_up" })
        XCTAssertEqual(up.sample(["collector": "broken"])?.number, 0)
        XCTAssertEqual(up.sample(["collector": "http"])?.number, 1)
        XCTAssertEqual(families.first { $0.name == "stylify_fixed" }?.samples.first?.number, 7)
    }

    func testRequestsAreCountedExactlyByRouteTemplateAndStatusNeverByRawPath() throws {
        let before = try scrape().families
        for id in ["it_8xQ2", "it_9yR3", "it_0zS4"] { XCTAssertEqual(try client.get(server.baseURL + "/v1/items/\(id)").status, 200) }
        for _ in 0..<2 { XCTAssertEqual(try client.get(server.baseURL + "/v1/items/missing").status, 404) }
        XCTAssertEqual(try client.get(server.baseURL + "/v1/nothing-here/it_7wP1").status, 404)
        XCTAssertEqual(try client.get(server.baseURL + "/index.html").status, 200)
        let (text, after) = try scrape()

        func delta(_ method: String, _ route: String, _ status: Int) -> Double {
            requests(after, method, route, status) - requests(before, method, route, status)
        }
        XCTAssertEqual(delta("GET", "/v1/items/{id}", 200), 3)
        XCTAssertEqual(delta("GET", "/v1/items/{id}", 404), 2)
        XCTAssertEqual(delta("GET", "unmatched", 404), 1)
        XCTAssertEqual(delta("GET", "static", 200), 1)
        XCTAssertEqual(delta("GET", "/metrics", 200), 1, "the previous scrape counts like any request")
        for raw in ["it_8xQ2", "it_9yR3", "it_0zS4", "it_7wP1", "missing", "index.html", "nothing-here"] {
            XCTAssertFalse(text.contains(raw), "raw path part \(raw) leaked into a label")
        }
        let histogram = try XCTUnwrap(after.first { $0.name == "stylify_http_request_duration_seconds" }?
            .sample(["method": "GET", "route": "/v1/items/{id}", "status": "200"])?.histogram)
        XCTAssertEqual(histogram.count, 3)
        XCTAssertGreaterThan(histogram.sum, 0)
        XCTAssertLessThan(histogram.sum, 30)
    }

    func testClientsCannotMintMethodLabels() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("BREW /v1/items/pot HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 501)
        let (text, families) = try scrape()
        XCTAssertFalse(text.contains("BREW"))
        XCTAssertEqual(families.first { $0.name == "stylify_http_requests_total" }?.samples
            .filter { $0.labelDictionary["method"] == "other" }.compactMap(\.number).reduce(0, +), 1)
    }

    func testRecognisedMethodsNoRouteServesKeepTheirLabel() throws {
        let before = try scrape().families
        let connection = try RawConnection(port: server.port)
        try connection.send("TRACE /v1/items/pot HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 405)
        let after = try scrape().families
        XCTAssertEqual(requests(after, "TRACE", "unmatched", 405) - requests(before, "TRACE", "unmatched", 405), 1)
    }

    func testConcurrentRequestsOnSeveralLoopsAreAllCounted() throws {
        let perThread = 50
        let threads = 8
        let port = server.port
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<perThread {
                guard let connection = try? RawConnection(port: port, timeout: 5) else { continue }
                try? connection.send("GET /v1/fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                _ = try? connection.readResponse()
            }
        }
        let families = try scrape().families
        XCTAssertEqual(requests(families, "GET", "/v1/fast", 200), Double(perThread * threads))
    }
}
