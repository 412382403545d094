import API
import Accounts
import Foundation
import XCTest

final class MeTests: EndToEndTestCase {
    func testMeWithAnAPIKeyHasTheAccountAndPlanButNoUser() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        let body = try client.get("/v1/me", token: key.secret).json()
        XCTAssertEqual(body["object"] as? String, "me")
        XCTAssertEqual((body["account"] as? [String: Any])?["id"] as? String, ada.accountID)
        XCTAssertTrue(body["user"] is NSNull)
        XCTAssertEqual((body["plan"] as? [String: Any])?["name"] as? String, "free")
        XCTAssertNil(body["quota"], "no quota section unless a provider is wired")
    }

    func testQuotaProviderAddsItsSectionForTheCallersAccount() throws {
        struct Section: Encodable, Sendable, Hashable {
            let account: String
            let remainingFrames: Int
        }
        server.stop()
        server = try AccountsServer(meQuota: { principal in
            Section(account: principal.accountID.rawValue, remainingFrames: 500)
        })
        let ada = try signUp("ada@example.com")
        let quota = try XCTUnwrap(try client.get("/v1/me", token: ada.sessionToken).json()["quota"] as? [String: Any])
        XCTAssertEqual(quota["account"] as? String, ada.accountID)
        XCTAssertEqual(quota["remaining_frames"] as? Int, 500)
    }

    func testSuspendAndResumeInThisProcessApplyToTheVeryNextRequest() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        let id = try XCTUnwrap(AccountID(rawValue: ada.accountID))
        XCTAssertEqual(try client.get("/v1/me", token: key.secret).status, 200)
        try server.accounts.administration.setStatus(.suspended, of: id)
        try assertProblem(try client.get("/v1/me", token: key.secret), status: 403, code: "account_suspended")
        try server.accounts.administration.setStatus(.active, of: id)
        let body = try client.get("/v1/me", token: key.secret).json()
        XCTAssertEqual((body["account"] as? [String: Any])?["status"] as? String, "active")
    }
}
