import Foundation
import XCTest

/// Every class of bad input gets a typed problem with `code` (and `param` where one field is at
/// fault), and creates nothing.
final class BadInputTests: EndToEndTestCase {
    func testMalformedJSONIs400InvalidJSON() throws {
        let response = try client.send(
            "POST", "/v1/accounts", headers: [("Content-Type", "application/json")], body: Array(#"{"email": "a@b.c", "#.utf8))
        try assertProblem(response, status: 400, code: "invalid_json")
        try assertNothingCreated()
    }

    func testJSONThatIsNotAnObjectIs400() throws {
        for body in ["[1,2]", "\"text\"", "", "null"] {
            let response = try client.send("POST", "/v1/sessions", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
            try assertProblem(response, status: 400, code: "invalid_json")
        }
    }

    func testMissingFieldIs422NamingTheField() throws {
        try assertProblem(try client.post("/v1/accounts", json: ["email": "ada@example.com"]), status: 422, code: "missing_field", param: "password")
        try assertProblem(try client.post("/v1/accounts", json: ["password": "correct horse"]), status: 422, code: "missing_field", param: "email")
        try assertProblem(try client.post("/v1/sessions", json: ["email": "ada@example.com", "password": NSNull()]), status: 422, code: "missing_field", param: "password")
        try assertNothingCreated()
    }

    func testWrongFieldTypeIs422NamingTheField() throws {
        try assertProblem(
            try client.post("/v1/accounts", json: ["email": "ada@example.com", "password": 12345678]),
            status: 422, code: "invalid_field", param: "password")
        let ada = try signUp("ada@example.com")
        try assertProblem(
            try client.post("/v1/api-keys", json: ["name": "ci", "scopes": "filters"], token: ada.sessionToken),
            status: 422, code: "invalid_field", param: "scopes")
    }

    func testShortPasswordIs422NamingPassword() throws {
        let response = try client.post("/v1/accounts", json: ["email": "ada@example.com", "password": "short"])
        try assertProblem(response, status: 422, code: "invalid_password", param: "password")
        try assertNothingCreated()
    }

    func testImplausibleEmailIs422NamingEmail() throws {
        let response = try client.post("/v1/accounts", json: ["email": "not-an-address", "password": "correct horse battery"])
        try assertProblem(response, status: 422, code: "invalid_email", param: "email")
        try assertNothingCreated()
    }

    func testNonJSONContentTypeIs415() throws {
        let response = try client.send(
            "POST", "/v1/accounts", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("email=a%40b.c&password=correct+horse".utf8))
        try assertProblem(response, status: 415, code: "unsupported_media_type")
        try assertNothingCreated()
    }

    func testOversizedBodyIs413BeforeAnyWork() throws {
        let huge = String(repeating: "x", count: 64 * 1024)
        let response = try client.post("/v1/accounts", json: ["email": "ada@example.com", "password": "correct horse", "name": huge])
        try assertProblem(response, status: 413, code: "body_too_large")
        try assertNothingCreated()
    }

    func testInvalidKeyNameAndScopeAre422() throws {
        let ada = try signUp("ada@example.com")
        try assertProblem(
            try client.post("/v1/api-keys", json: ["name": "   "], token: ada.sessionToken), status: 422, code: "invalid_name", param: "name")
        try assertProblem(
            try client.post("/v1/api-keys", json: ["name": "ci", "scopes": ["Filters!"]], token: ada.sessionToken),
            status: 422, code: "invalid_scope", param: "scopes")
        XCTAssertTrue(try server.accounts.administration.listAPIKeys(includeRevoked: true).isEmpty)
    }

    func testOutOfRangeListLimitIs400NamingLimit() throws {
        let ada = try signUp("ada@example.com")
        for limit in ["0", "101", "ten", "-1"] {
            try assertProblem(
                try client.get("/v1/api-keys?limit=\(limit)", token: ada.sessionToken), status: 400, code: "invalid_parameter", param: "limit")
        }
    }

    private func assertNothingCreated(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(try server.accounts.administration.listAccounts().items.isEmpty, file: file, line: line)
    }
}
