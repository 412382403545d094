import Foundation
import HTTPServer
import XCTest

final class SignUpAndSessionTests: EndToEndTestCase {
    func testSignUpCreatesAccountOwnerAndASessionThatWorksAtOnce() throws {
        let response = try client.post("/v1/accounts", json: ["email": " Ada@Example.com ", "password": "correct horse battery", "name": "Ada"])
        XCTAssertEqual(response.status, 201, response.text)
        XCTAssertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        let body = try response.json()
        let account = try XCTUnwrap(body["account"] as? [String: Any])
        let user = try XCTUnwrap(body["user"] as? [String: Any])
        XCTAssertEqual(account["object"] as? String, "account")
        XCTAssertTrue((account["id"] as? String)?.hasPrefix("acct_") ?? false)
        XCTAssertEqual(account["plan"] as? String, "free")
        XCTAssertEqual(account["status"] as? String, "active")
        XCTAssertEqual(account["name"] as? String, "Ada")
        XCTAssertEqual(user["email"] as? String, "ada@example.com")
        XCTAssertEqual(user["role"] as? String, "owner")
        XCTAssertEqual(user["account_id"] as? String, account["id"] as? String)
        XCTAssertNil(user["password_hash"])
        XCTAssertTrue(try XCTUnwrap(body["expires_at"] as? String).hasSuffix("Z"), "RFC 3339 UTC")
        XCTAssertNotNil(ISO8601DateFormatter().date(from: try XCTUnwrap(account["created_at"] as? String)))

        let token = try XCTUnwrap(body["session_token"] as? String)
        XCTAssertTrue(token.hasPrefix("sess_"))
        let me = try client.get("/v1/me", token: token)
        XCTAssertEqual(me.status, 200, me.text)
        let meBody = try me.json()
        XCTAssertEqual((meBody["account"] as? [String: Any])?["id"] as? String, account["id"] as? String)
        XCTAssertEqual((meBody["user"] as? [String: Any])?["id"] as? String, user["id"] as? String)
        XCTAssertEqual((meBody["plan"] as? [String: Any])?["name"] as? String, "free")
    }

    func testDuplicateEmailIsAConflictAndCreatesNothing() throws {
        _ = try signUp("ada@example.com")
        let again = try client.post("/v1/accounts", json: ["email": "ADA@example.com", "password": "another password"])
        try assertProblem(again, status: 409, code: "email_taken", param: "email")
        XCTAssertEqual(try server.accounts.administration.listAccounts().items.count, 1)
    }

    func testLoginReturnsANewSessionTokenWithExpiry() throws {
        let ada = try signUp("ada@example.com")
        let login = try client.post("/v1/sessions", json: ["email": "ada@example.com", "password": "correct horse battery"])
        XCTAssertEqual(login.status, 200, login.text)
        let body = try login.json()
        let token = try XCTUnwrap(body["session_token"] as? String)
        XCTAssertNotEqual(token, ada.sessionToken)
        let expires = try XCTUnwrap(ISO8601DateFormatter().date(from: try XCTUnwrap(body["expires_at"] as? String)))
        XCTAssertGreaterThan(expires, Date().addingTimeInterval(24 * 3600))
        XCTAssertEqual(try client.get("/v1/me", token: token).status, 200)
    }

    func testUnknownEmailAndWrongPasswordGetTheIdenticalProblem() throws {
        _ = try signUp("ada@example.com")
        let wrongPassword = try client.post("/v1/sessions", json: ["email": "ada@example.com", "password": "not the password"])
        let unknownEmail = try client.post("/v1/sessions", json: ["email": "nobody@example.com", "password": "not the password"])
        let first = try assertProblem(wrongPassword, status: 401, code: "invalid_credentials")
        let second = try assertProblem(unknownEmail, status: 401, code: "invalid_credentials")
        XCTAssertEqual(wrongPassword.body, unknownEmail.body)
        XCTAssertEqual(first["detail"] as? String, second["detail"] as? String)
    }

    func testRepeatedFailedLoginsAreThrottledWithRetryAfter() throws {
        _ = try signUp("ada@example.com")
        var statuses: [Int] = []
        for _ in 0..<6 {
            statuses.append(try client.post("/v1/sessions", json: ["email": "ada@example.com", "password": "guess guess"]).status)
        }
        XCTAssertEqual(statuses, [401, 401, 401, 401, 401, 429])
        // Even the right password is refused while the block lasts: guessing must not continue.
        let blocked = try client.post("/v1/sessions", json: ["email": "ada@example.com", "password": "correct horse battery"])
        try assertProblem(blocked, status: 429, code: "too_many_attempts")
        let retryAfter = try XCTUnwrap(blocked.header("Retry-After").flatMap(Int.init))
        XCTAssertGreaterThan(retryAfter, 0)
        XCTAssertLessThanOrEqual(retryAfter, 15 * 60)
    }

    func testLogoutRevokesTheSessionForTheVeryNextRequest() throws {
        let ada = try signUp("ada@example.com")
        XCTAssertEqual(try client.get("/v1/me", token: ada.sessionToken).status, 200)
        let logout = try client.delete("/v1/sessions/current", token: ada.sessionToken)
        XCTAssertEqual(logout.status, 204, logout.text)
        XCTAssertTrue(logout.body.isEmpty)
        let after = try client.get("/v1/me", token: ada.sessionToken)
        try assertProblem(after, status: 401, code: "invalid_token")
        XCTAssertTrue(after.header("WWW-Authenticate")?.hasPrefix("Bearer") ?? false)
        try assertProblem(try client.delete("/v1/sessions/current", token: ada.sessionToken), status: 401, code: "invalid_token")
    }

    func testLogoutWithAnAPIKeyIsRefusedAndKeepsTheKey() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        try assertProblem(try client.delete("/v1/sessions/current", token: key.secret), status: 403, code: "session_required")
        XCTAssertEqual(try client.get("/v1/me", token: key.secret).status, 200)
    }

    func testFailuresFromOneClientAddressAcrossEmailsAreThrottled() throws {
        server.stop()
        server = try AccountsServer(accounts: {
            $0.loginThrottle = .init(failuresPerEmail: 100, failuresPerAddress: 3, window: 60)
        })
        _ = try signUp("ada@example.com")
        for index in 0..<3 {
            let response = try client.post("/v1/sessions", json: ["email": "guess\(index)@example.com", "password": "guess guess"])
            XCTAssertEqual(response.status, 401, response.text)
        }
        // A new email from the same address (the test's 127.0.0.1) is now refused too.
        let blocked = try client.post("/v1/sessions", json: ["email": "ada@example.com", "password": "correct horse battery"])
        try assertProblem(blocked, status: 429, code: "too_many_attempts")
        XCTAssertNotNil(blocked.header("Retry-After").flatMap(Int.init))
    }
}
