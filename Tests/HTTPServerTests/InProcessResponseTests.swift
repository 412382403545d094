import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Response bodies as the connection writes them, read back without sockets: files and ranges,
/// streamed (chunked) bodies, and a stream that fails midway.
final class InProcessResponseTests: InProcessTestCase {
    private let payload = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }

    func testFileIsSentWholeAndByRange() throws {
        let file = spool.appendingPathComponent("blob.bin")
        try Data(payload).write(to: file)
        let client = try client { router in
            router.get("/file") { _ in try .file(file, contentType: "application/octet-stream") }
        }
        XCTAssertEqual(client.request(.get, "/file")?.body, payload)
        let partial = try XCTUnwrap(client.request(.get, "/file", headers: ["Range": "bytes=100-199"]))
        XCTAssertEqual(partial.status, 206)
        XCTAssertEqual(partial.header("Content-Range"), "bytes 100-199/50000")
        XCTAssertEqual(partial.body, Array(payload[100..<200]))
        let head = try XCTUnwrap(client.request(.head, "/file"))
        XCTAssertEqual(head.header("Content-Length"), "50000")
        XCTAssertEqual(head.body, [])
        XCTAssertEqual(client.request(.get, "/file", headers: ["Range": "bytes=-10"])?.body, Array(payload[49_990...]))
    }

    func testStreamedBodyIsChunkedCompleteAndTheConnectionStaysUsable() throws {
        let client = try client { router in
            router.get("/export") { _ in
                Response(status: .ok, headers: ["Content-Type": "text/plain"], body: .stream(ResponseStream { writer in
                    // More than the writer's high-water mark, so the producer has to wait for the drain.
                    for i in 0..<100 { try writer.write("line \(i) " + String(repeating: "x", count: 10_000) + "\n") }
                }))
            }
            router.get("/after", options: .inline) { _ in .text("after") }
        }
        let response = try XCTUnwrap(client.request(.get, "/export"))
        XCTAssertTrue(response.wasChunked)
        let lines = response.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 100)
        XCTAssertTrue(lines[99].hasPrefix("line 99 "))
        XCTAssertEqual(client.request(.get, "/after")?.text, "after")
    }

    func testStreamThatFailsMidwayEndsTheConnectionWithAnUnterminatedBody() throws {
        struct Broke: Error {}
        let client = try client { router in
            router.get("/broken") { _ in
                Response(body: .stream(ResponseStream { writer in
                    try writer.write("partial")
                    throw Broke()
                }))
            }
        }
        XCTAssertEqual(client.send("GET /broken HTTP/1.1\r\nHost: t\r\n\r\n").count, 0, "no complete response")
        XCTAssertTrue(client.isClosed)
        let written = String(decoding: client.unparsedOutput, as: UTF8.self)
        XCTAssertTrue(written.hasPrefix("HTTP/1.1 200 OK\r\n"), written)
        XCTAssertTrue(written.hasSuffix("7\r\npartial\r\n"), "no last chunk: \(written)")
    }

    func testStreamToAnHTTP10ClientEndsWithTheClose() throws {
        let client = try client { router in
            router.get("/export") { _ in
                Response(body: .stream(ResponseStream { writer in
                    try writer.write("a")
                    try writer.write("b")
                }))
            }
        }
        let responses = client.send("GET /export HTTP/1.0\r\n\r\n")
        XCTAssertEqual(responses.map(\.text), ["ab"])
        XCTAssertEqual(responses.first?.header("Connection"), "close")
        XCTAssertNil(responses.first?.header("Transfer-Encoding"))
    }
}
