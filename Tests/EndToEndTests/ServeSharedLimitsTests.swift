import Foundation
import TestSupport
import XCTest

/// Two API nodes (`stylify serve --role api` on one data directory, i.e. one database) meet one
/// rate limit and one login throttle: together they allow exactly the plan's rate, and failed
/// logins on one node count on the other.
final class ServeSharedLimitsTests: XCTestCase {
    private var directory: URL!
    private var data: URL { directory.appendingPathComponent("data") }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("serve-limits")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func apiNode() throws -> ServeProcess {
        try ServeProcess(["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path,
                          "--gallery", directory.path, "--quiet", "--role", "api"], in: directory)
    }

    func testTwoAPINodesTogetherAllowExactlyThePlansRate() throws {
        let nodes = [try apiNode(), try apiNode()]
        defer { nodes.forEach { _ = $0.stop() } }
        let clients = nodes.map { HTTPClient(port: $0.port) }
        let signUp = try clients[0].post("/v1/accounts", json: ["email": "rate@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let body = try signUp.json()
        let token = try XCTUnwrap(body["session_token"] as? String)
        let account = try XCTUnwrap((body["account"] as? [String: Any])?["id"] as? String)
        let set = try StylifyProcess.run(["admin", "limits", "set", account, "requests_per_minute", "30", "--data-dir", data.path])
        XCTAssertEqual(set.status, 0, set.stderr)
        Thread.sleep(forTimeInterval: 1.2)  // running servers see an override within a second

        let started = Date()
        var allowed = 0, refused = 0
        for index in 0..<80 {
            let response = try clients[index % 2].get("/v1/me", token: token)
            switch response.status {
            case 200: allowed += 1
            case 429: refused += 1
            default: XCTFail("unexpected \(response.status): \(response.text)")
            }
        }
        // 30 a minute refill one token every 2 s: what the run's duration may have added.
        let refill = Int(Date().timeIntervalSince(started) / 2) + 1
        XCTAssertGreaterThanOrEqual(allowed, 30 - 1, "the bucket's minute (less the request that read the override)")
        XCTAssertLessThanOrEqual(allowed, 30 + refill, "two nodes must not allow twice the rate: \(allowed) allowed, \(refused) refused")
        XCTAssertEqual(allowed + refused, 80)
    }

    func testFailedLoginsOnOneNodeBlockTheNextOnTheOther() throws {
        let nodes = [try apiNode(), try apiNode()]
        defer { nodes.forEach { _ = $0.stop() } }
        let clients = nodes.map { HTTPClient(port: $0.port) }
        XCTAssertEqual(try clients[0].post("/v1/accounts", json: ["email": "guess@example.com", "password": "correct horse battery"]).status, 201)
        for attempt in 0..<5 {
            let response = try clients[attempt % 2].post("/v1/sessions", json: ["email": "guess@example.com", "password": "wrong guess \(attempt)"])
            XCTAssertEqual(response.status, 401, response.text)
        }
        for client in clients {
            let blocked = try client.post("/v1/sessions", json: ["email": "guess@example.com", "password": "correct horse battery"])
            XCTAssertEqual(blocked.status, 429, blocked.text)
            XCTAssertNotNil(blocked.header("Retry-After"))
        }
    }
}

extension ServeSharedLimitsTests {
    func testFiftyConcurrentStylizationsOverTwoAPINodesAgainstTenFramesAdmitExactlyTen() throws {
        let nodes = [try apiNode(), try apiNode()]
        defer { nodes.forEach { _ = $0.stop() } }
        var client = HTTPClient(port: nodes[0].port)
        client.timeoutSeconds = 60
        let signUp = try client.post("/v1/accounts", json: ["email": "frames@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let body = try signUp.json()
        let token = try XCTUnwrap(body["session_token"] as? String)
        let account = try XCTUnwrap((body["account"] as? [String: Any])?["id"] as? String)
        // A verified address, so the free plan's verification gate (403) does not stand before the monthly frames.
        var verification: String?
        for _ in 0..<100 where verification == nil {
            let log = (try? String(contentsOf: data.appendingPathComponent("mail.log"), encoding: .utf8)) ?? ""
            verification = log.range(of: "evt_[0-9A-Za-z]{43}", options: .regularExpression).map { String(log[$0]) }
            if verification == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertEqual(try client.post("/v1/email-verifications", json: ["token": try XCTUnwrap(verification)]).status, 204)
        for (limit, value) in [("monthly_frames", "10"), ("requests_per_minute", "1000"), ("concurrent_jobs", "100")] {
            let set = try StylifyProcess.run(["admin", "limits", "set", account, limit, value, "--data-dir", data.path])
            XCTAssertEqual(set.status, 0, set.stderr)
        }
        Thread.sleep(forTimeInterval: 1.2)

        let (asset, filterID) = try client.uploadPhotoAndFilter(token: token)
        let request = [UInt8](try JSONSerialization.data(withJSONObject: ["content": asset, "filters": [["id": filterID]], "max_side": 64]))

        let ports = nodes.map(\.port)
        let statuses = Hammer.run(threads: 50) { thread, _ in
            var client = HTTPClient(port: ports[thread % 2])
            client.timeoutSeconds = 60
            return try client.send("POST", "/v1/stylizations", token: token, headers: [("Content-Type", "application/json")], body: request).status
        }.map { try? $0.get() }
        XCTAssertEqual(statuses.filter { $0 == 202 }.count, 10, "exactly the remaining frames: \(statuses)")
        XCTAssertEqual(statuses.filter { $0 == 202 || $0 == 402 || $0 == 429 }.count, 50, "the rest are quota refusals: \(statuses)")
    }
}
