import Foundation
import Quotas
import TestSupport
import XCTest

/// Quota refusals at submission become problems naming the limit; nothing is created.
final class StylizationQuotaTests: StylizationTestCase {
    func testMonthlyFramesUsedUpAnswers402() throws {
        let user = try signUp("frugal@example.com")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        _ = try stylizations.quotas.administration.setOverride(.monthlyFrames, to: 0, forAccount: user.accountID)

        let response = try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 64], token: user.sessionToken)
        let problem = try assertProblem(response, status: 402, code: "quota_exceeded")
        XCTAssertEqual(problem["limit"] as? String, "monthly_frames")
        XCTAssertEqual(problem["allowed"] as? Int, 0)
        XCTAssertEqual((try client.get("/v1/stylizations", token: user.sessionToken).json()["data"] as? [Any])?.count, 0)
    }

    func testAVideoLongerThanThePlanAllowsAnswers422PlanLimit() throws {
        let user = try signUp("downgraded@example.com")
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        let asset = try stylizations.upload(Fixtures.video, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        _ = try stylizations.quotas.administration.setPlan("free", forAccount: user.accountID)

        let response = try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 128], token: user.sessionToken)
        let problem = try assertProblem(response, status: 422, code: "plan_limit")
        XCTAssertEqual(problem["limit"] as? String, "video_frames")
        XCTAssertEqual(problem["allowed"] as? Int, 120, "the free plan's video frames")
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).reservedFrames, 0)
    }
}
