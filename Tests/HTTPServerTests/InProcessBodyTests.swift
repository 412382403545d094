import Foundation
import HTTPServer
import XCTest

/// Request bodies through the connection state machine, without sockets: `Expect: 100-continue`
/// granted and refused, limits on declared and streamed bodies, spooling to disk, and a client
/// that leaves mid-body.
final class InProcessBodyTests: InProcessTestCase {
    private enum Plan: RequestContextKey { typealias Value = String }

    private func uploadClient(configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> InProcessClient {
        let admission = RouteOptions(admitBody: { request in
            guard request.headers["authorization"] == "Bearer ok" else {
                throw HTTPError(.unauthorized, code: "unauthenticated", detail: "Sign in to upload.")
            }
            var context = RequestContext()
            context[Plan.self] = "free"
            return BodyAdmission(maxBodyBytes: 100, context: context)
        })
        return try client(configure: configure) { router in
            Self.standardRoutes(&router)
            router.post("/upload", options: admission) { request in
                .json(["plan": request.context[Plan.self] ?? "none", "bytes": "\(request.body.count)"], status: .created)
            }
            router.post("/big", options: RouteOptions(maxBodyBytes: 1 << 30)) { request in
                let bytes = try request.body.collect()
                return .json([
                    "bytes": "\(bytes.count)", "on_disk": "\(request.body.fileURL != nil)",
                    "intact": "\(bytes.enumerated().allSatisfy { $0.element == UInt8($0.offset % 251) })",
                ])
            }
        }
    }

    func testExpect100ContinueIsGrantedBeforeTheBodyIsSent() throws {
        let client = try uploadClient()
        let interim = client.send("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(interim.map(\.status), [100])
        XCTAssertEqual(interim.first?.reasonPhrase, "Continue")
        let final = client.send([1, 2, 3])
        XCTAssertEqual(final.map(\.status), [200])
        XCTAssertEqual(final.first?.text, #"{"bytes":3,"sum":6}"#)
    }

    func testExpect100ContinueIsGrantedAfterTheRoutesAdmission() throws {
        let client = try uploadClient()
        let interim = client.send(
            "POST /upload HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ok\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(interim.map(\.status), [100])
        XCTAssertEqual(client.send("hello").first?.text, #"{"bytes":"5","plan":"free"}"#)
    }

    func testNoContinueIsSentToAClientThatSentItsBodyAlready() throws {
        let client = try uploadClient()
        let responses = client.send(
            "POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc")
        XCTAssertEqual(responses.map(\.status), [200])
    }

    func testExpect100ContinueIsRefusedWhenAdmissionRefuses() throws {
        let client = try uploadClient()
        let responses = client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 50\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(responses.map(\.status), [401], "the refusal, and no 100 Continue before it")
        XCTAssertTrue(responses.first?.text.contains(#""code":"unauthenticated""#) ?? false)
        XCTAssertEqual(responses.first?.header("Connection"), "close")
        XCTAssertTrue(client.serverFinishedSending)
        // A client that sends the body anyway is drained, not answered, until the linger ends.
        XCTAssertEqual(client.send([UInt8](repeating: 1, count: 50)).count, 0)
        XCTAssertFalse(client.isClosed)
        client.advanceClock(by: .seconds(3))
        XCTAssertTrue(client.isClosed)
    }

    func testExpect100ContinueIsRefusedForADeclaredLengthOverTheLimit() throws {
        let client = try uploadClient()
        let responses = client.send("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(responses.map(\.status), [413])
        XCTAssertTrue(responses.first?.text.contains(#""limit":1000"#) ?? false)
        XCTAssertEqual(responses.first?.header("Connection"), "close")
    }

    func testAdmittedLimitRefusesALargerDeclaredBody() throws {
        let client = try uploadClient()
        let responses = client.send("POST /upload HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ok\r\nContent-Length: 101\r\n\r\n")
        XCTAssertEqual(responses.map(\.status), [413])
    }

    func testChunkedBodyIsRefusedTheMomentItPassesTheLimit() throws {
        let client = try uploadClient()
        XCTAssertEqual(client.send("POST /length HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n").count, 0)
        let chunk = "258\r\n" + String(repeating: "a", count: 600) + "\r\n"
        XCTAssertEqual(client.send(chunk).count, 0, "600 bytes are within the 1000-byte limit")
        let responses = client.send(chunk)
        XCTAssertEqual(responses.map(\.status), [413], "answered at 1200 bytes, before the last chunk")
        XCTAssertTrue(responses.first?.text.contains(#""code":"body_too_large""#) ?? false)
        XCTAssertEqual(responses.first?.header("Connection"), "close")
        XCTAssertTrue(client.serverFinishedSending)
    }

    func testBodyInPiecesIsAssembled() throws {
        let client = try uploadClient()
        XCTAssertEqual(client.send("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nab").count, 0)
        XCTAssertEqual(client.send("cd").count, 0)
        XCTAssertEqual(client.send("ef").first?.text, #"{"bytes":6,"sum":597}"#)
    }

    func testLargeBodyIsSpooledToAFileThatIsRemovedAfterTheResponse() throws {
        let client = try uploadClient { configuration in configuration.limits.bodyMemoryThreshold = 16 * 1024 }
        let body = (0..<300_000).map { UInt8($0 % 251) }
        let responses = client.send(Array("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        XCTAssertEqual(responses.first?.text, #"{"bytes":"300000","intact":"true","on_disk":"true"}"#)
        XCTAssertEqual(spooledFiles(), [], "the spool file is deleted once the response is out")
    }

    func testClientLeavingMidBodyClosesWithoutAnAnswer() throws {
        let client = try uploadClient { configuration in configuration.limits.bodyMemoryThreshold = 1024 }
        XCTAssertEqual(client.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 10000\r\n\r\n").count, 0)
        XCTAssertEqual(client.send([UInt8](repeating: 0, count: 4000)).count, 0)
        XCTAssertEqual(client.finishSending().count, 0)
        XCTAssertTrue(client.isClosed)
        XCTAssertEqual(client.unparsedOutput, [])
        // The partial spool file is discarded on the spool writer's queue.
        let deadline = Date().addingTimeInterval(2)
        while !spooledFiles().isEmpty && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(spooledFiles(), [])
    }
}
