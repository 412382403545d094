import API
import Foundation
import Quotas
import TestSupport
import XCTest

final class MeQuotaTests: QuotasTestCase {
    func testMeShowsThePlanEveryLimitUsageAndWhatRemains() throws {
        let ada = try signUp("ada@example.com")
        let quota = try XCTUnwrap(try client.get("/v1/me", token: ada.sessionToken).json()["quota"] as? [String: Any])
        XCTAssertEqual(quota["plan"] as? String, "free")
        let limits = try XCTUnwrap(quota["limits"] as? [String: Any])
        XCTAssertEqual(Set(limits.keys), Set(LimitName.allCases.map(\.rawValue)), "every effective limit")
        XCTAssertEqual(limits["monthly_frames"] as? Int, 500)
        XCTAssertEqual(limits["upload_bytes"] as? Int, 26_214_400)
        XCTAssertEqual(limits["requests_per_minute"] as? Int, 60)
        XCTAssertEqual(quota["overridden_limits"] as? [String], [])
        XCTAssertEqual((quota["usage"] as? [String: Any])?["frames"] as? Int, 0)
        XCTAssertEqual((quota["remaining"] as? [String: Any])?["frames"] as? Int, 500)
        XCTAssertNotNil((quota["period"] as? [String: Any])?["id"] as? String)
    }

    func testMeCountsFramesUsedAndHeldThisPeriod() throws {
        let ada = try signUp("ada@example.com")
        let quotas = try XCTUnwrap(server.quotas).quotas
        let done = try quotas.reserveFrames(account: ada.accountID, count: 40, lease: 60)
        try quotas.commit(done)
        _ = try quotas.reserveFrames(account: ada.accountID, count: 10, lease: 60)

        let quota = try XCTUnwrap(try client.get("/v1/me", token: ada.sessionToken).json()["quota"] as? [String: Any])
        let usage = try XCTUnwrap(quota["usage"] as? [String: Any])
        XCTAssertEqual(usage["frames"] as? Int, 40)
        XCTAssertEqual(usage["reserved_frames"] as? Int, 10)
        XCTAssertEqual((quota["remaining"] as? [String: Any])?["frames"] as? Int, 450)
    }

    func testUsageChangedBetweenTwoPollsShowsAtOnce() throws {
        // The second answer must not be the first one's reused bytes (see MeResponseCache).
        let ada = try signUp("ada@example.com")
        let quotas = try XCTUnwrap(server.quotas).quotas
        func framesUsed() throws -> Int? {
            let quota = try client.get("/v1/me", token: ada.sessionToken).json()["quota"] as? [String: Any]
            return (quota?["usage"] as? [String: Any])?["frames"] as? Int
        }
        XCTAssertEqual(try framesUsed(), 0)
        XCTAssertEqual(try framesUsed(), 0)
        try quotas.commit(try quotas.reserveFrames(account: ada.accountID, count: 7, lease: 60))
        XCTAssertEqual(try framesUsed(), 7)
    }

    func testOverrideFromAnotherProcessShowsInMeWithinASecond() throws {
        let ada = try signUp("ada@example.com")
        _ = try client.get("/v1/me", token: ada.sessionToken)  // warms the server's cache with the old value
        _ = try operatorQuotas().administration.setOverride(.monthlyFrames, to: 2000, forAccount: ada.accountID)
        let took = try eventually(within: 3, "monthly_frames override") {
            let quota = try client.get("/v1/me", token: ada.sessionToken).json()["quota"] as? [String: Any]
            return (quota?["limits"] as? [String: Any])?["monthly_frames"] as? Int == 2000
                && quota?["overridden_limits"] as? [String] == ["monthly_frames"]
        }
        XCTAssertLessThan(took, 2)
    }

    func testUpgradeWithTheAdminCLILiftsLimitsAndTheRateLimitWithinASecond() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        XCTAssertEqual(try parameters(of: client.get("/v1/me", token: key.secret).header("RateLimit-Policy"))["q"], 60)

        let outcome = try StylifyProcess.run([
            "admin", "accounts", "set-plan", ada.accountID, "premium",
            "--data-dir", server.directory.path, "--schema-dir", AccountsServer.schema.path,
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)

        let took = try eventually(within: 3, "premium plan") {
            let response = try client.get("/v1/me", token: key.secret)
            let quota = try response.json()["quota"] as? [String: Any]
            return quota?["plan"] as? String == "premium"
                && (quota?["limits"] as? [String: Any])?["monthly_frames"] as? Int == 50_000
                && (try? parameters(of: response.header("RateLimit-Policy"))["q"]) == 600
        }
        XCTAssertLessThan(took, 2)
        // The upgrade adds its extra capacity at once rather than waiting for the refill.
        let remaining = try parameters(of: client.get("/v1/me", token: key.secret).header("RateLimit"))["r"]
        XCTAssertGreaterThan(remaining ?? 0, 500)
    }
}
