import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Cross-origin requests from the configured origins only.
final class CORSTests: XCTestCase {
    private var server: TestServer!

    override func setUpWithError() throws {
        server = try TestServer { configuration in
            configuration.cors = CORSPolicy(allowedOrigins: ["https://app.stylify.test"])
        } routes: { router in
            router.get("/v1/things") { _ in .json(["ok": true]) }
            router.post("/v1/things") { _ in .json(["ok": true], status: .created) }
        }
    }

    override func tearDown() { server.stop() }

    func testPreflightFromAllowedOriginIsAnswered() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "OPTIONS /v1/things HTTP/1.1\r\nHost: t\r\nOrigin: https://app.stylify.test\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 204)
        XCTAssertEqual(response.header("Access-Control-Allow-Origin"), "https://app.stylify.test")
        XCTAssertEqual(response.header("Access-Control-Allow-Methods"), "GET, POST, HEAD, OPTIONS")
        XCTAssertTrue(response.header("Access-Control-Allow-Headers")?.contains("Authorization") ?? false)
        XCTAssertEqual(response.header("Access-Control-Max-Age"), "600")
    }

    func testPreflightFromUnknownOriginIsRefused() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "OPTIONS /v1/things HTTP/1.1\r\nHost: t\r\nOrigin: https://evil.test\r\nAccess-Control-Request-Method: POST\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 403)
        XCTAssertNil(response.header("Access-Control-Allow-Origin"))
    }

    func testActualRequestFromAllowedOriginCarriesCORSHeaders() throws {
        let allowed = try URLSessionClient().get(server.baseURL + "/v1/things", headers: ["Origin": "https://app.stylify.test"])
        XCTAssertEqual(allowed.header("Access-Control-Allow-Origin"), "https://app.stylify.test")
        XCTAssertTrue(allowed.header("Access-Control-Expose-Headers")?.contains("X-Request-Id") ?? false)
        XCTAssertEqual(allowed.header("Vary"), "Origin")
        let other = try URLSessionClient().get(server.baseURL + "/v1/things", headers: ["Origin": "https://evil.test"])
        XCTAssertEqual(other.status, 200)
        XCTAssertNil(other.header("Access-Control-Allow-Origin"))
    }

    func testErrorsAlsoCarryCORSHeaders() throws {
        let missing = try URLSessionClient().get(server.baseURL + "/v1/missing", headers: ["Origin": "https://app.stylify.test"])
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.header("Access-Control-Allow-Origin"), "https://app.stylify.test")
    }
}
