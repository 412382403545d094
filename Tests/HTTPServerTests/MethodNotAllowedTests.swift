import Foundation
import HTTPServer
import TestSupport
import XCTest

/// RFC 9110: a method the server recognises but a path's routes do not serve is 405 with `Allow`
/// (TRACE, CONNECT, or a standard method the route lacks); only an unrecognised method is 501.
final class MethodNotAllowedTests: InProcessTestCase {
    private static func routes(_ router: inout Router) {
        router.get("/v1/things/{id}") { _ in .text("thing") }
        router.delete("/v1/things/{id}") { _ in .empty() }
        router.post("/v1/uploads") { request in .json(["bytes": request.body.count]) }
    }

    func testTraceOnARoutedPathIs405WithAllow() throws {
        let client = try client(routes: Self.routes)
        let response = try XCTUnwrap(client.request(.trace, "/v1/things/t_1"))
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.header("Allow"), "GET, DELETE, HEAD, OPTIONS")
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json")
        XCTAssertTrue(response.text.contains(#""code":"method_not_allowed""#), response.text)
        XCTAssertFalse(client.serverFinishedSending, "a 405 for a body-less request keeps the connection")
    }

    func testEveryRecognisedMethodARouteLacksIs405() throws {
        let client = try client(routes: Self.routes)
        for method in ["TRACE", "CONNECT", "QUERY", "PUT", "PATCH", "POST"] {
            let response = client.send("\(method) /v1/things/t_1 HTTP/1.1\r\nHost: t\r\n\r\n").last
            XCTAssertEqual(response?.status, 405, method)
            XCTAssertEqual(response?.header("Allow"), "GET, DELETE, HEAD, OPTIONS", method)
        }
    }

    func testTraceOnAnUnknownPathIs404() throws {
        let client = try client(routes: Self.routes)
        XCTAssertEqual(client.request(.trace, "/v1/nothing")?.status, 404)
    }

    func testAnUnrecognisedMethodIsStill501() throws {
        for method in ["BREW", "PROPFIND", "get"] {
            let client = try client(routes: Self.routes)
            let response = client.send("\(method) /v1/things/t_1 HTTP/1.1\r\nHost: t\r\n\r\n").last
            XCTAssertEqual(response?.status, 501, method)
            XCTAssertNil(response?.header("Allow"), method)
            XCTAssertTrue(response?.text.contains(#""code":"not_implemented""#) ?? false, method)
        }
    }

    func testTraceOverARealSocketIs405WithAllow() throws {
        let server = try TestServer.serving(Self.routes)
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        try connection.send("TRACE /v1/uploads HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.header("Allow"), "POST, OPTIONS")
        // The connection stays usable.
        try connection.send("GET /v1/things/t_2 HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().text, "thing")
    }
}
