import Foundation
import HTTPServer
import TestSupport
import XCTest

/// HTTP/1.1 message handling over real sockets: keep-alive, pipelining, HEAD, OPTIONS, 405/404,
/// 100-continue and chunked request bodies.
final class HTTPProtocolTests: XCTestCase {
    private var server: TestServer!

    override func setUpWithError() throws {
        server = try TestServer.serving { router in
            router.get("/echo/{name}") { request in
                .text("hello \(request.parameters["name"] ?? "?") from \(request.remoteAddress)")
            }
            router.post("/length") { request in
                let bytes = try request.body.collect()
                return .json(["bytes": bytes.count, "sum": bytes.reduce(0) { $0 + Int($1) }])
            }
            router.get("/peer", options: .inline) { request in .text(request.remoteAddress) }
        }
    }

    override func tearDown() { server.stop() }

    func testKeepAliveConnectionServesSeveralRequests() throws {
        let connection = try RawConnection(port: server.port)
        for name in ["a", "b", "c"] {
            try connection.send("GET /echo/\(name) HTTP/1.1\r\nHost: test\r\n\r\n")
            let response = try connection.readResponse()
            XCTAssertEqual(response.status, 200)
            XCTAssertTrue(response.text.hasPrefix("hello \(name)"))
            XCTAssertNil(response.header("Connection"))
        }
    }

    func testURLSessionReusesTheConnection() throws {
        let client = URLSessionClient()
        let first = try client.get(server.baseURL + "/peer")
        let second = try client.get(server.baseURL + "/peer")
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.text, second.text, "both requests should arrive on the same TCP connection")
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "GET /echo/first HTTP/1.1\r\nHost: t\r\n\r\nGET /peer HTTP/1.1\r\nHost: t\r\n\r\nGET /echo/third HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertTrue(try connection.readResponse().text.hasPrefix("hello first"))
        XCTAssertTrue(try connection.readResponse().text.hasPrefix("127.0.0.1:"))
        XCTAssertTrue(try connection.readResponse().text.hasPrefix("hello third"))
    }

    func testHeadResponseHasHeadersButNoBody() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("HEAD /echo/x HTTP/1.1\r\nHost: t\r\n\r\nGET /echo/y HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try connection.readResponse(head: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), String("hello x from 127.0.0.1:".utf8.count + String(connection.localPort).utf8.count))
        // The next response starts right after the head: no body bytes were sent for HEAD.
        XCTAssertTrue(try connection.readResponse().text.hasPrefix("hello y"))
    }

    func testWrongMethodIs405WithAllow() throws {
        let result = try URLSessionClient().post(server.baseURL + "/echo/x", body: Data("x".utf8))
        XCTAssertEqual(result.status, 405)
        XCTAssertEqual(result.header("Allow"), "GET, HEAD, OPTIONS")
        XCTAssertEqual(result.header("Content-Type"), "application/problem+json")
        XCTAssertEqual(try result.json()["code"] as? String, "method_not_allowed")
    }

    func testTraceIs405WithAllowNot501() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("TRACE /echo/x HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.header("Allow"), "GET, HEAD, OPTIONS")
        XCTAssertTrue(response.text.contains(#""code":"method_not_allowed""#), response.text)
    }

    func testUnknownPathIs404ProblemJSON() throws {
        let result = try URLSessionClient().get(server.baseURL + "/v1/nothing-here")
        XCTAssertEqual(result.status, 404)
        XCTAssertEqual(result.header("Content-Type"), "application/problem+json")
        let problem = try result.json()
        XCTAssertEqual(problem["status"] as? Int, 404)
        XCTAssertEqual(problem["code"] as? String, "not_found")
        XCTAssertEqual(problem["title"] as? String, "Not Found")
        XCTAssertNotNil(problem["type"] as? String)
        XCTAssertNotNil(result.header("X-Request-Id"))
    }

    func testOptionsListsAllowedMethods() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("OPTIONS /length HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 204)
        XCTAssertEqual(response.header("Allow"), "POST, OPTIONS")
    }

    func testExpect100ContinueGetsInterimResponseBeforeBody() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
        let interim = try connection.readResponse()
        XCTAssertEqual(interim.status, 100)
        try connection.send([1, 2, 3])
        let final = try connection.readResponse()
        XCTAssertEqual(final.status, 200)
        XCTAssertEqual(final.text, #"{"bytes":3,"sum":6}"#)
    }

    func testChunkedRequestBodyIsDecoded() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "POST /length HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: yes\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 200)
        let expected = Array("abc0123456789abcdef".utf8)
        XCTAssertEqual(response.text, #"{"bytes":\#(expected.count),"sum":\#(expected.reduce(0) { $0 + Int($1) })}"#)
        // Keep-alive survives a chunked body.
        try connection.send("GET /echo/after HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertTrue(try connection.readResponse().text.hasPrefix("hello after"))
    }

    func testHTTP10ClosesUnlessKeepAliveIsAsked() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /echo/old HTTP/1.0\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(connection.closedByServer())
    }

    func testRequestIdIsGeneratedOrEchoed() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /peer HTTP/1.1\r\nHost: t\r\nX-Request-Id: trace-123\r\n\r\nGET /peer HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().header("X-Request-Id"), "trace-123")
        let generated = try connection.readResponse().header("X-Request-Id")
        XCTAssertNotNil(generated)
        XCTAssertNotEqual(generated, "trace-123")
    }
}

extension RawConnection {
    var localPort: Int {
        var addr = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
