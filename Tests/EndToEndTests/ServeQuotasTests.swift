import Foundation
import TestSupport
import XCTest

/// `stylify serve` as deployed, with `stylify admin` changing limits beside it.
final class ServeQuotasTests: XCTestCase {
    func testServeRateLimitsAndShowsQuotasAndAppliesAdminChangesWithinASecond() throws {
        let directory = try Fixtures.temporaryDirectory("serve-quotas")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        let serve = try ServeProcess(["--listen", "127.0.0.1:0", "--data-dir", data.path, "--quiet"], in: directory)
        defer { _ = serve.stop() }
        let client = HTTPClient(port: serve.port)

        let signUp = try client.post("/v1/accounts", json: ["email": "ops@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let body = try signUp.json()
        let token = try XCTUnwrap(body["session_token"] as? String)
        let account = try XCTUnwrap((body["account"] as? [String: Any])?["id"] as? String)

        let me = try client.get("/v1/me", token: token)
        XCTAssertEqual(me.header("RateLimit-Policy"), "\"minute\";q=60;w=60")
        let quota = try XCTUnwrap(try me.json()["quota"] as? [String: Any])
        XCTAssertEqual(quota["plan"] as? String, "free")

        let set = try StylifyProcess.run(["admin", "limits", "set", account, "requests_per_minute", "3", "--data-dir", data.path])
        XCTAssertEqual(set.status, 0, set.stderr)
        let start = Date()
        var policy: String?
        while Date().timeIntervalSince(start) < 3 {
            policy = try client.get("/v1/me", token: token).header("RateLimit-Policy")
            if policy == "\"minute\";q=3;w=60" { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(policy, "\"minute\";q=3;w=60")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)

        var statuses: [Int] = []
        for _ in 0..<4 { statuses.append(try client.get("/v1/me", token: token).status) }
        XCTAssertTrue(statuses.contains(429), "\(statuses)")
        let refused = try client.get("/v1/me", token: token)
        XCTAssertEqual(refused.status, 429)
        XCTAssertNotNil(refused.header("Retry-After"))
    }
}
