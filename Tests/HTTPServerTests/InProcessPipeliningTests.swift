import Foundation
import HTTPServer
import XCTest

/// Request framing and pipelining through the connection state machine, without sockets: several
/// requests in one write are answered in order, whatever thread handles each and however the
/// bytes are split.
final class InProcessPipeliningTests: InProcessTestCase {
    private let pipeline =
        "GET /inline/a HTTP/1.1\r\nHost: t\r\n\r\n"
        + "GET /worker/b HTTP/1.1\r\nHost: t\r\n\r\n"
        + "POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"
        + "HEAD /worker/d HTTP/1.1\r\nHost: t\r\n\r\n"
        + "GET /inline/e HTTP/1.1\r\nHost: t\r\n\r\n"

    private func assertPipelineAnswered(_ responses: [InProcessResponse], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(responses.map(\.status), [200, 200, 200, 200, 200], file: file, line: line)
        guard responses.count == 5 else { return }
        XCTAssertEqual(responses[0].text, "inline a", file: file, line: line)
        XCTAssertEqual(responses[1].text, "worker b", file: file, line: line)
        XCTAssertEqual(responses[2].text, #"{"bytes":3,"sum":294}"#, file: file, line: line)
        // HEAD: the length of the GET body, and no body bytes (the next response follows at once).
        XCTAssertEqual(responses[3].header("Content-Length"), "8", file: file, line: line)
        XCTAssertEqual(responses[3].body, [], file: file, line: line)
        XCTAssertEqual(responses[4].text, "inline e", file: file, line: line)
        XCTAssertTrue(responses.allSatisfy { $0.header("Connection") == nil }, file: file, line: line)
    }

    func testPipelinedRequestsInOneWriteAreAnsweredInOrder() throws {
        let client = try client(routes: Self.standardRoutes)
        assertPipelineAnswered(client.send(pipeline))
        XCTAssertFalse(client.isClosed)
        XCTAssertEqual(client.unparsedOutput, [], "nothing but the five responses was written")
    }

    func testPipelineArrivingByteByByteIsAnsweredTheSame() throws {
        let client = try client(routes: Self.standardRoutes)
        assertPipelineAnswered(client.send(pipeline, readSize: 1))
    }

    func testPipelineSplitAtEveryPositionIsAnsweredTheSame() throws {
        let bytes = Array(pipeline.utf8)
        for split in stride(from: 1, to: bytes.count, by: 7) {
            let client = try client(routes: Self.standardRoutes)
            var responses = client.send(Array(bytes[..<split]))
            responses += client.send(Array(bytes[split...]))
            assertPipelineAnswered(responses)
        }
    }

    func testARequestWaitsWhileAWorkerHandlesTheOneBeforeIt() throws {
        let release = DispatchSemaphore(value: 0)
        let client = try client { router in
            router.get("/slow") { _ in
                _ = release.wait(timeout: .now() + 10)
                return .text("slow")
            }
            Self.standardRoutes(&router)
        }
        client.patience = .milliseconds(200)
        let second = "GET /inline/after HTTP/1.1\r\nHost: t\r\n\r\n"
        XCTAssertEqual(client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n" + second).count, 0)
        XCTAssertEqual(client.unparsedOutput, [], "the inline request behind it is not answered first")
        release.signal()
        client.patience = .seconds(30)
        XCTAssertEqual(client.send([]).map(\.text), ["slow", "inline after"])
    }

    func testChunkedBodyIsDecodedAndTheConnectionStaysUsable() throws {
        let client = try client(routes: Self.standardRoutes)
        let responses = client.send(
            "POST /length HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: yes\r\n\r\n"
                + "GET /inline/after HTTP/1.1\r\nHost: t\r\n\r\n")
        let expected = Array("abc0123456789abcdef".utf8)
        XCTAssertEqual(responses.map(\.text), [
            #"{"bytes":\#(expected.count),"sum":\#(expected.reduce(0) { $0 + Int($1) })}"#, "inline after",
        ])
    }

    func testRequestIdIsEchoedOrGenerated() throws {
        let client = try client(routes: Self.standardRoutes)
        let responses = client.send(
            "GET /inline/a HTTP/1.1\r\nHost: t\r\nX-Request-Id: trace-7\r\n\r\nGET /inline/b HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(responses.first?.header("X-Request-Id"), "trace-7")
        XCTAssertNotNil(responses.last?.header("X-Request-Id"))
        XCTAssertNotEqual(responses.last?.header("X-Request-Id"), "trace-7")
    }

    func testConnectionCloseIsHonouredAndLaterRequestsAreNotRead() throws {
        let client = try client(routes: Self.standardRoutes)
        let responses = client.send(
            "GET /inline/a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /inline/b HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(responses.map(\.text), ["inline a"])
        XCTAssertEqual(responses.first?.header("Connection"), "close")
        XCTAssertTrue(client.serverFinishedSending)
        XCTAssertTrue(client.finishSending().isEmpty)
        XCTAssertTrue(client.isClosed, "the peer's close ends the linger")
    }

    func testHTTP10KeepsAliveOnlyWhenAsked() throws {
        let client = try client(routes: Self.standardRoutes)
        let kept = client.send("GET /inline/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(kept.first?.header("Connection"), "keep-alive")
        XCTAssertFalse(client.serverFinishedSending)
        let closed = client.send("GET /inline/b HTTP/1.0\r\n\r\n")
        XCTAssertEqual(closed.first?.header("Connection"), "close")
        XCTAssertTrue(client.serverFinishedSending)
    }
}
