import Foundation
import XCTest

/// Starts an `AccountsServer` per test and offers the few API steps most tests need.
class EndToEndTestCase: XCTestCase {
    var server: AccountsServer!
    var client: HTTPClient { server.client }

    /// The server each test gets; suites that need other settings override this.
    func makeServer() throws -> AccountsServer {
        try AccountsServer()
    }

    override func setUpWithError() throws {
        server = try makeServer()
    }

    override func tearDownWithError() throws {
        server?.stop()
        server = nil
    }

    struct SignedUp {
        let accountID: String
        let userID: String
        let sessionToken: String
    }

    /// Signs up through the API and returns the ids and the session token.
    func signUp(_ email: String, password: String = "correct horse battery", file: StaticString = #filePath, line: UInt = #line) throws -> SignedUp {
        let response = try client.post("/v1/accounts", json: ["email": email, "password": password])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        let body = try response.json()
        let account = try XCTUnwrap(body["account"] as? [String: Any], file: file, line: line)
        let user = try XCTUnwrap(body["user"] as? [String: Any], file: file, line: line)
        return SignedUp(
            accountID: try XCTUnwrap(account["id"] as? String, file: file, line: line),
            userID: try XCTUnwrap(user["id"] as? String, file: file, line: line),
            sessionToken: try XCTUnwrap(body["session_token"] as? String, file: file, line: line))
    }

    /// Creates an API key through the API; returns (id, secret).
    func createKey(_ token: String, name: String = "ci", scopes: [String]? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> (id: String, secret: String) {
        var payload: [String: Any] = ["name": name]
        if let scopes { payload["scopes"] = scopes }
        let response = try client.post("/v1/api-keys", json: payload, token: token)
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        let body = try response.json()
        return (try XCTUnwrap(body["id"] as? String, file: file, line: line), try XCTUnwrap(body["secret"] as? String, file: file, line: line))
    }

    /// Asserts a problem+json answer with the given status, code and (optionally) param.
    @discardableResult
    func assertProblem(
        _ response: HTTPClient.Response, status: Int, code: String, param: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> [String: Any] {
        XCTAssertEqual(response.status, status, response.text, file: file, line: line)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json", file: file, line: line)
        let problem = try response.json()
        XCTAssertEqual(problem["code"] as? String, code, file: file, line: line)
        XCTAssertEqual(problem["status"] as? Int, status, file: file, line: line)
        XCTAssertNotNil(problem["type"] as? String, file: file, line: line)
        XCTAssertNotNil(problem["title"] as? String, file: file, line: line)
        XCTAssertNotNil(problem["detail"] as? String, file: file, line: line)
        if let param { XCTAssertEqual(problem["param"] as? String, param, file: file, line: line) }
        return problem
    }
}
