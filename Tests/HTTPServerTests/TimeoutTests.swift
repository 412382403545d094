import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Slow and idle clients lose their connection instead of holding it (slowloris defences).
final class TimeoutTests: XCTestCase {
    private var server: TestServer!

    override func setUpWithError() throws {
        server = try TestServer { configuration in
            configuration.timeouts.header = .milliseconds(300)
            configuration.timeouts.idle = .milliseconds(900)
            configuration.timeouts.bodyGracePeriod = .milliseconds(200)
            configuration.timeouts.minBodyBytesPerSecond = 10_000
            configuration.timeouts.bodyStall = .seconds(5)
            configuration.timeouts.linger = .milliseconds(200)
        } routes: { router in
            router.post("/upload") { request in .json(["bytes": request.body.count]) }
        }
    }

    override func tearDown() { server.stop() }

    func testSlowHeaderIsCutOffWith408AtTheDeadline() throws {
        let connection = try RawConnection(port: server.port, timeout: 2)
        let start = Date()
        try connection.send("GET /healthz HTTP/1.1\r\nHost: t\r\n")
        usleep(150_000)
        _ = connection.trySend(Array("X-Slow: 1\r\n".utf8))  // trickling does not extend the deadline
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertTrue(connection.closedByServer())
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.5)
    }

    func testIdleKeepAliveConnectionIsClosed() throws {
        let connection = try RawConnection(port: server.port, timeout: 2)
        try connection.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 200)
        let start = Date()
        XCTAssertTrue(connection.closedByServer())
        let waited = Date().timeIntervalSince(start)
        XCTAssertGreaterThan(waited, 0.7)
        XCTAssertLessThan(waited, 1.8)
    }

    func testSilentNewConnectionIsClosedAtTheHeaderDeadline() throws {
        let connection = try RawConnection(port: server.port, timeout: 2)
        let start = Date()
        XCTAssertTrue(connection.closedByServer())
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.7, "a connection that never sends gets the header deadline")
    }

    func testBodyBelowMinimumRateIsCutOff() throws {
        let connection = try RawConnection(port: server.port, timeout: 3)
        try connection.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n")
        let start = Date()
        var response: RawConnection.Response?
        // 100 bytes every 50 ms is 2 KB/s, well under the 10 KB/s minimum.
        for _ in 0..<40 {
            guard connection.trySend([UInt8](repeating: 1, count: 100)) else { break }
            usleep(50_000)
            if Date().timeIntervalSince(start) > 0.6 { break }
        }
        response = try? connection.readResponse()
        XCTAssertEqual(response?.status, 408)
        XCTAssertTrue(connection.closedByServer())
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }
}
