import API
import Foundation
import Quotas
import XCTest

/// Every class of quota refusal a handler may rethrow, as the client sees it.
final class QuotaProblemTests: QuotasTestCase {
    func testInputOverAPlanSizeLimitIs422PlanLimitNamingTheUpgrade() throws {
        let ada = try signUp("ada@example.com")
        let response = try client.send("POST", "/v1/test-jobs?frames=121&width=320&height=240", token: ada.sessionToken)
        let problem = try assertProblem(response, status: 422, code: "plan_limit")
        XCTAssertEqual(problem["limit"] as? String, "video_frames")
        XCTAssertEqual(problem["allowed"] as? Int, 120)
        XCTAssertEqual(problem["requested"] as? Int, 121)
        XCTAssertEqual(problem["plan"] as? String, "free")
        XCTAssertEqual(problem["upgrade_to"] as? String, "premium")
        XCTAssertEqual(response.header("RateLimit-Policy"), "\"minute\";q=60;w=60", "errors after authentication keep the fields")
    }

    func testUsedUpMonthlyFramesIs402QuotaExceeded() throws {
        let ada = try signUp("ada@example.com")
        let quotas = try XCTUnwrap(server.quotas).quotas
        try quotas.commit(try quotas.reserveFrames(account: ada.accountID, count: 450, lease: 60))
        let response = try client.send("POST", "/v1/test-jobs?frames=100&width=320&height=240", token: ada.sessionToken)
        let problem = try assertProblem(response, status: 402, code: "quota_exceeded")
        XCTAssertEqual(problem["limit"] as? String, "monthly_frames")
        XCTAssertEqual(problem["used"] as? Int, 450)
        XCTAssertEqual(problem["allowed"] as? Int, 500)
        XCTAssertEqual(problem["requested"] as? Int, 100)
        XCTAssertEqual(problem["upgrade_to"] as? String, "premium")
        XCTAssertNotNil(response.header("RateLimit"))
    }

    func testASecondJobOverTheConcurrencyLimitIs429ConcurrencyLimit() throws {
        let ada = try signUp("ada@example.com")
        XCTAssertEqual(try client.send("POST", "/v1/test-jobs?frames=10&width=320&height=240", token: ada.sessionToken).status, 201)
        let response = try client.send("POST", "/v1/test-jobs?frames=10&width=320&height=240", token: ada.sessionToken)
        let problem = try assertProblem(response, status: 429, code: "concurrency_limit")
        XCTAssertEqual(problem["limit"] as? String, "concurrent_jobs")
        XCTAssertEqual(problem["allowed"] as? Int, 1)
        XCTAssertEqual(problem["used"] as? Int, 1)
        XCTAssertNil(response.header("Retry-After"), "no time is known when a job will finish")
    }

    func testMeasurementThatIsNotPositiveIs422InvalidMeasurement() throws {
        let ada = try signUp("ada@example.com")
        let response = try client.send("POST", "/v1/test-jobs?frames=10&width=0&height=240", token: ada.sessionToken)
        try assertProblem(response, status: 422, code: "invalid_measurement")
    }
}
