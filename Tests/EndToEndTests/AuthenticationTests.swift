import Accounts
import Foundation
import TestSupport
import XCTest

final class AuthenticationTests: EndToEndTestCase {
    func testMissingAuthorizationIs401WithBearerChallenge() throws {
        let response = try client.get("/v1/me")
        try assertProblem(response, status: 401, code: "authentication_required")
        XCTAssertEqual(response.header("WWW-Authenticate"), #"Bearer realm="stylify""#)
    }

    func testNonBearerAuthorizationIs401() throws {
        for value in ["Basic YWRhOnB3", "Bearer", "Bearer two words", "sess_abc", "Bearér sess_abc", "Bearer_sess_abc", "Bearer   "] {
            let response = try client.get("/v1/me", headers: [("Authorization", value)])
            try assertProblem(response, status: 401, code: "malformed_authorization")
            XCTAssertTrue(response.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) ?? false, value)
        }
    }

    func testTwoAuthorizationHeadersAreRefused() throws {
        let ada = try signUp("ada@example.com")
        let response = try client.get(
            "/v1/me", headers: [("Authorization", "Bearer \(ada.sessionToken)"), ("Authorization", "Bearer sk_live_other")])
        try assertProblem(response, status: 401, code: "malformed_authorization")
    }

    func testUnknownAndMalformedTokensAre401() throws {
        try assertProblem(try client.get("/v1/me", token: "sess_" + String(repeating: "A", count: 43)), status: 401, code: "invalid_token")
        try assertProblem(try client.get("/v1/me", token: "sk_live_nonsense"), status: 401, code: "malformed_token")
    }

    func testTokenInTheQueryStringIsNeverAccepted() throws {
        let ada = try signUp("ada@example.com")
        for name in ["access_token", "token", "api_key"] {
            try assertProblem(try client.get("/v1/me?\(name)=\(ada.sessionToken)"), status: 401, code: "authentication_required")
        }
    }

    func testBearerSchemeIsCaseInsensitive() throws {
        let ada = try signUp("ada@example.com")
        for scheme in ["bearer", "BEARER", "bEaReR"] {
            XCTAssertEqual(try client.get("/v1/me", headers: [("Authorization", "\(scheme) \(ada.sessionToken)")]).status, 200, scheme)
        }
        XCTAssertEqual(try client.get("/v1/me", headers: [("Authorization", "Bearer   \(ada.sessionToken)  ")]).status, 200,
                       "spaces around the token are not part of it")
    }

    func testSuspensionByAnotherProcessIsRefusedWithin1SecondAndResumeRestoresAccess() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        XCTAssertEqual(try client.get("/v1/me", token: key.secret).status, 200)  // warms the cache

        // A second set of services on the same file has its own caches, as the CLI process does.
        let operatorView = try server.openSecondProcessServices()
        try operatorView.administration.setStatus(.suspended, of: AccountID(rawValue: ada.accountID)!)
        let suspendedAt = Date()
        var response = try client.get("/v1/me", token: key.secret)
        while response.status == 200, Date().timeIntervalSince(suspendedAt) < 3 {
            usleep(50_000)
            response = try client.get("/v1/me", token: key.secret)
        }
        XCTAssertLessThanOrEqual(Date().timeIntervalSince(suspendedAt), 1.5, "suspension must apply within ~1 s (cache TTL)")
        try assertProblem(response, status: 403, code: "account_suspended")
        try assertProblem(try client.get("/v1/me", token: ada.sessionToken), status: 403, code: "account_suspended")
        try assertProblem(
            try client.post("/v1/sessions", json: ["email": "ada@example.com", "password": "correct horse battery"]),
            status: 403, code: "account_suspended")

        try operatorView.administration.setStatus(.active, of: AccountID(rawValue: ada.accountID)!)
        usleep(1_100_000)
        XCTAssertEqual(try client.get("/v1/me", token: key.secret).status, 200)
    }

    func testSuspensionInThisProcessIsRefusedOnTheNextRequest() throws {
        let ada = try signUp("ada@example.com")
        XCTAssertEqual(try client.get("/v1/me", token: ada.sessionToken).status, 200)
        try server.accounts.administration.setStatus(.suspended, of: AccountID(rawValue: ada.accountID)!)
        try assertProblem(try client.get("/v1/me", token: ada.sessionToken), status: 403, code: "account_suspended")
    }

    func testSuspensionWithTheRealAdminCommandIsRefusedWithin1Second() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        XCTAssertEqual(try client.get("/v1/me", token: key.secret).status, 200)
        let outcome = try StylifyProcess.run([
            "admin", "accounts", "suspend", ada.accountID,
            "--data-dir", server.directory.path, "--schema-dir", AccountsServer.schema.path,
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let suspendedAt = Date()
        var response = try client.get("/v1/me", token: key.secret)
        while response.status == 200, Date().timeIntervalSince(suspendedAt) < 3 {
            usleep(50_000)
            response = try client.get("/v1/me", token: key.secret)
        }
        XCTAssertLessThanOrEqual(Date().timeIntervalSince(suspendedAt), 1.5, "suspension must apply within ~1 s (cache TTL)")
        try assertProblem(response, status: 403, code: "account_suspended")
    }

    func testEveryAnswerCarriesARequestID() throws {
        let ada = try signUp("ada@example.com")
        let answers = [
            try client.get("/v1/me", token: ada.sessionToken),
            try client.get("/v1/me"),
            try client.post("/v1/sessions", json: ["email": "x@example.com"]),
            try client.get("/v1/api-keys/key_missing", token: ada.sessionToken),
        ]
        var seen = Set<String>()
        for answer in answers {
            let id = try XCTUnwrap(answer.header("X-Request-Id"), "status \(answer.status)")
            XCTAssertFalse(id.isEmpty)
            seen.insert(id)
        }
        XCTAssertEqual(seen.count, answers.count, "ids are unique")
        let echoed = try client.get("/v1/me", token: ada.sessionToken, headers: [("X-Request-Id", "client-chosen-123")])
        XCTAssertEqual(echoed.header("X-Request-Id"), "client-chosen-123")
    }

    func testReadinessReportsTheDatabase() throws {
        let response = try client.get("/readyz")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual((try response.json()["checks"] as? [String: String])?["database"], "ok")
    }
}
