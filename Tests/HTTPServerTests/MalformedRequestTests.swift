import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Every class of bad input gets its status, the connection is closed, and the server keeps serving.
final class MalformedRequestTests: XCTestCase {
    private var server: TestServer!

    override func setUpWithError() throws {
        server = try TestServer { configuration in
            configuration.limits.maxRequestTargetLength = 1024
            configuration.limits.maxHeaderBytes = 4096
        } routes: { router in
            router.post("/upload") { request in .json(["bytes": request.body.count]) }
        }
    }

    override func tearDown() { server.stop() }

    /// Sends `raw`, expects `status` (and `code` when given), then proves the server still answers.
    private func assertRejected(
        _ raw: String, status: Int, code: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let connection = try RawConnection(port: server.port)
        try connection.send(raw)
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, status, response.text, file: file, line: line)
        XCTAssertEqual(response.header("Connection"), "close", file: file, line: line)
        if let code {
            XCTAssertTrue(response.text.contains(#""code":"\#(code)""#), response.text, file: file, line: line)
        }
        XCTAssertTrue(connection.closedByServer(), "connection should be closed", file: file, line: line)
        let probe = try RawConnection(port: server.port)
        try probe.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try probe.readResponse().status, 200, "server must keep serving", file: file, line: line)
    }

    func testContentLengthWithTransferEncodingIsRejected() throws {
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            status: 400, code: "conflicting_framing")
    }

    func testDuplicateContentLengthIsRejected() throws {
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
            status: 400, code: "duplicate_content_length")
    }

    func testInvalidContentLengthIsRejected() throws {
        for value in ["-1", "+3", "0x10", "3,3", "99999999999999999999", ""] {
            try assertRejected(
                "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: \(value)\r\n\r\nabc", status: 400,
                code: "invalid_content_length")
        }
    }

    func testBadChunkSizeIsRejected() throws {
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            status: 400, code: "bad_chunk_size")
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
            status: 400, code: "bad_chunk_size")
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n",
            status: 400, code: "bad_chunk")
    }

    func testBareLineFeedIsRejected() throws {
        try assertRejected("GET /healthz HTTP/1.1\nHost: t\r\n\r\n", status: 400, code: "bare_lf")
        try assertRejected("GET /healthz HTTP/1.1\r\nHost: t\n\n", status: 400, code: "bare_lf")
        try assertRejected("GET /healthz HTTP/1.1\r\nHost: t\rX: y\r\n\r\n", status: 400, code: "bare_cr")
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n",
            status: 400, code: "bare_lf")
    }

    func testTransferEncodingThatDoesNotEndInChunkedIsRejected() throws {
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
            status: 400, code: "bad_transfer_encoding")
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            status: 400, code: "bad_transfer_encoding")
    }

    func testUnsupportedTransferCodingIs501() throws {
        try assertRejected(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", status: 501)
    }

    func testUnknownMethodIs501() throws {
        try assertRejected("BREW /healthz HTTP/1.1\r\nHost: t\r\n\r\n", status: 501, code: "not_implemented")
    }

    func testObsoleteLineFoldingAndSpaceBeforeColonAreRejected() throws {
        try assertRejected("GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n  folded\r\n\r\n", status: 400, code: "obs_fold")
        try assertRejected("GET /healthz HTTP/1.1\r\nHost : t\r\n\r\n", status: 400, code: "bad_header")
    }

    func testMissingOrDuplicateHostIsRejected() throws {
        try assertRejected("GET /healthz HTTP/1.1\r\n\r\n", status: 400, code: "bad_host")
        try assertRejected("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400, code: "bad_host")
    }

    func testMalformedRequestLineIsRejected() throws {
        try assertRejected("GET  /healthz HTTP/1.1\r\nHost: t\r\n\r\n", status: 400)
        try assertRejected("GET /healthz HTTP/1.1 extra\r\nHost: t\r\n\r\n", status: 400)
        try assertRejected("GET healthz HTTP/1.1\r\nHost: t\r\n\r\n", status: 400)
    }

    func testUnsupportedVersionIs505() throws {
        try assertRejected("GET /healthz HTTP/2.0\r\nHost: t\r\n\r\n", status: 505)
    }

    func testHugeHeaderSectionIs431() throws {
        let big = String(repeating: "x", count: 5000)
        try assertRejected("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: \(big)\r\n\r\n", status: 431, code: "headers_too_large")
        let many = (0..<120).map { "X-\($0): 1\r\n" }.joined()
        try assertRejected("GET /healthz HTTP/1.1\r\nHost: t\r\n\(many)\r\n", status: 431)
    }

    func testHugeURIIs414() throws {
        let path = "/" + String(repeating: "a", count: 2000)
        try assertRejected("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n", status: 414, code: "uri_too_long")
        // Also while the request line is still arriving.
        let connection = try RawConnection(port: server.port)
        try connection.send("GET \(path)")
        XCTAssertEqual(try connection.readResponse().status, 414)
    }

    func testUnsupportedExpectationIs417() throws {
        try assertRejected("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nExpect: magic\r\n\r\nx", status: 417)
    }
}
