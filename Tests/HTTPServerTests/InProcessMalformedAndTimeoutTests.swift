import Foundation
import HTTPServer
import XCTest

/// Refused heads and the deadlines that stop slow or idle clients (slowloris), driven through the
/// connection state machine with a clock that only the test moves.
final class InProcessMalformedAndTimeoutTests: InProcessTestCase {
    private func timeoutClient() throws -> InProcessClient {
        try client(configure: { configuration in
            configuration.timeouts.header = .seconds(10)
            configuration.timeouts.idle = .seconds(60)
            configuration.timeouts.bodyGracePeriod = .seconds(5)
            configuration.timeouts.minBodyBytesPerSecond = 1024
            configuration.timeouts.bodyStall = .seconds(15)
            configuration.timeouts.linger = .seconds(2)
        }, routes: Self.standardRoutes)
    }

    func testMalformedHeadsAreRefusedWithTheirCodeAndTheConnectionEnds() throws {
        let cases: [(String, Int, String)] = [
            ("GET /inline/a HTTP/1.1\nHost: t\r\n\r\n", 400, "bare_lf"),
            ("GET /inline/a HTTP/1.1\r\nHost: t\rX: y\r\n\r\n", 400, "bare_cr"),
            ("GET /inline/a HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n  folded\r\n\r\n", 400, "obs_fold"),
            ("GET /inline/a HTTP/1.1\r\nHost : t\r\n\r\n", 400, "bad_header"),
            ("GET /inline/a HTTP/1.1\r\n\r\n", 400, "bad_host"),
            ("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400, "duplicate_content_length"),
            ("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: +3\r\n\r\nabc", 400, "invalid_content_length"),
            ("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "conflicting_framing"),
            ("POST /length HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400, "bad_chunk_size"),
            ("GET /inline/a HTTP/1.1\r\nHost: t\r\nX: a\u{0}b\r\n\r\n", 400, "malformed_request"),
            ("GET  /inline/a HTTP/1.1\r\nHost: t\r\n\r\n", 400, "malformed_request"),
            ("GET /inline/a HTTP/2.0\r\nHost: t\r\n\r\n", 505, "http_version_not_supported"),
            ("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nExpect: magic\r\n\r\nx", 417, "expectation_failed"),
            ("BREW /inline/a HTTP/1.1\r\nHost: t\r\n\r\n", 501, "not_implemented"),
        ]
        for (raw, status, code) in cases {
            let client = try client(routes: Self.standardRoutes)
            // A well-formed request pipelined after the bad one is never answered.
            let responses = client.send(raw + "GET /inline/next HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(responses.map(\.status), [status], raw)
            XCTAssertTrue(responses.first?.text.contains(#""code":"\#(code)""#) ?? false, "\(raw): \(responses.first?.text ?? "")")
            XCTAssertEqual(responses.first?.header("Connection"), "close", raw)
            XCTAssertEqual(responses.first?.header("Content-Type"), "application/problem+json", raw)
            XCTAssertTrue(client.serverFinishedSending, raw)
        }
    }

    func testOversizedHeadIsRefusedWhileItIsStillArriving() throws {
        let client = try client(configure: { $0.limits.maxHeaderBytes = 4096 }, routes: Self.standardRoutes)
        XCTAssertEqual(client.send("GET /inline/a HTTP/1.1\r\nHost: t\r\n").count, 0)
        let responses = client.send("X-Big: " + String(repeating: "x", count: 6000))
        XCTAssertEqual(responses.map(\.status), [431], "refused without waiting for the end of the head")
    }

    func testSlowlorisHeadIsCutOffAtTheHeaderDeadlineNotExtendedByTrickling() throws {
        let client = try timeoutClient()
        XCTAssertEqual(client.send("GET /inline/a HTTP/1.1\r\n").count, 0)
        for _ in 0..<9 {
            XCTAssertEqual(client.advanceClock(by: .seconds(1)).count, 0)
            XCTAssertEqual(client.send("X-Slow: 1\r\n").count, 0, "each header line keeps the client busy, not the deadline")
        }
        let responses = client.advanceClock(by: .milliseconds(1001))
        XCTAssertEqual(responses.map(\.status), [408])
        XCTAssertTrue(responses.first?.text.contains(#""code":"request_timeout""#) ?? false)
        XCTAssertEqual(responses.first?.header("Connection"), "close")
        XCTAssertTrue(client.serverFinishedSending)
        XCTAssertFalse(client.isClosed, "the response lingers so the client can read it")
        client.advanceClock(by: .seconds(3))
        XCTAssertTrue(client.isClosed)
    }

    func testASilentNewConnectionGetsTheHeaderDeadlineNotTheIdleOne() throws {
        let client = try timeoutClient()
        client.advanceClock(by: .seconds(9))
        XCTAssertFalse(client.isClosed)
        XCTAssertEqual(client.advanceClock(by: .seconds(2)).count, 0, "closed without a response: it asked nothing")
        XCTAssertTrue(client.isClosed)
    }

    func testAnIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws {
        let client = try timeoutClient()
        XCTAssertEqual(client.send("GET /inline/a HTTP/1.1\r\nHost: t\r\n\r\n").map(\.status), [200])
        client.advanceClock(by: .seconds(59))
        XCTAssertFalse(client.isClosed, "a served connection gets the idle allowance")
        client.advanceClock(by: .seconds(2))
        XCTAssertTrue(client.isClosed)
    }

    func testABodyBelowTheMinimumRateIsCutOffAfterTheGracePeriod() throws {
        let client = try timeoutClient()
        XCTAssertEqual(client.send("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 900\r\n\r\n").count, 0)
        for _ in 0..<5 {
            XCTAssertEqual(client.send([UInt8](repeating: 1, count: 100)).count, 0)
            XCTAssertEqual(client.advanceClock(by: .seconds(1)).count, 0, "within the grace period")
        }
        // 500 bytes in 6 s is under 1024 B/s for the second after the grace period.
        XCTAssertEqual(client.advanceClock(by: .seconds(1)).map(\.status), [408])
    }

    func testAStalledBodyIsCutOff() throws {
        let client = try client(configure: { configuration in
            configuration.timeouts.minBodyBytesPerSecond = 0
            configuration.timeouts.bodyStall = .seconds(15)
        }, routes: Self.standardRoutes)
        XCTAssertEqual(client.send("POST /length HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc").count, 0)
        XCTAssertEqual(client.advanceClock(by: .seconds(14)).count, 0)
        XCTAssertEqual(client.advanceClock(by: .seconds(2)).map(\.status), [408])
    }
}
