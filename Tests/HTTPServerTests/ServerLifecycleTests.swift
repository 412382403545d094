import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Connection cap, blocking handlers off the I/O threads, and graceful shutdown.
final class ServerLifecycleTests: XCTestCase {
    func testConnectionsBeyondTheCapGet503WithRetryAfter() throws {
        let server = try TestServer { configuration in
            configuration.maxConnections = 2
            configuration.retryAfterSeconds = 7
        }
        defer { server.stop() }
        let first = try RawConnection(port: server.port)
        let second = try RawConnection(port: server.port)
        try first.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try first.readResponse().status, 200)
        try second.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try second.readResponse().status, 200)

        let third = try RawConnection(port: server.port)
        try? third.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        let refused = try third.readResponse()
        XCTAssertEqual(refused.status, 503)
        XCTAssertEqual(refused.header("Retry-After"), "7")
        XCTAssertTrue(refused.text.contains("service_unavailable"))
        XCTAssertTrue(third.closedByServer())

        // Capacity comes back when a connection closes.
        try first.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(try first.readResponse().status, 200)
        XCTAssertTrue(first.closedByServer())
        usleep(50_000)
        let fourth = try RawConnection(port: server.port)
        try fourth.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try fourth.readResponse().status, 200)
    }

    func testBlockingHandlerDoesNotStallOtherConnections() throws {
        let server = try TestServer { configuration in
            configuration.ioThreads = 1
            configuration.workerThreads = 2
        } routes: { router in
            router.get("/slow") { _ in
                usleep(800_000)
                return .text("slow")
            }
        }
        defer { server.stop() }
        let slow = try RawConnection(port: server.port)
        try slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(50_000)
        let start = Date()
        let fast = try RawConnection(port: server.port)
        try fast.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try fast.readResponse().status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.4, "healthz waited for the slow handler")
        XCTAssertEqual(try slow.readResponse().text, "slow")
    }

    func testGracefulShutdownFinishesTheInFlightRequestThenStops() throws {
        let server = try TestServer.serving { routes in
            routes.get("/slow") { _ in
                usleep(400_000)
                return .text(String(repeating: "z", count: 100_000))
            }
        }
        let port = server.port
        let inFlight = try RawConnection(port: port)
        try inFlight.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        let idle = try RawConnection(port: port)
        usleep(100_000)
        let stopped = DispatchSemaphore(value: 0)
        let thread = Thread {
            server.stop()
            stopped.signal()
        }
        thread.start()
        let response = try inFlight.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body.count, 100_000)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertEqual(stopped.wait(timeout: .now() + 3), .success, "shutdown did not finish")
        XCTAssertTrue(idle.closedByServer(), "idle connections are closed on shutdown")
        XCTAssertThrowsError(try RawConnection(port: port), "nothing listens after shutdown")
    }

    func testShutdownSignalStopsTheServer() throws {
        let server = try TestServer()
        let port = server.port
        let done = DispatchSemaphore(value: 0)
        // Ignored until the server's handler is in place, so an early signal cannot kill the test run.
        signal(SIGTERM, SIG_IGN)
        let thread = Thread {
            server.server.waitForShutdownSignal()
            done.signal()
        }
        thread.start()
        var finished = false
        for _ in 0..<30 where !finished {
            kill(getpid(), SIGTERM)
            finished = done.wait(timeout: .now() + 0.1) == .success
        }
        XCTAssertTrue(finished, "SIGTERM did not stop the server")
        XCTAssertThrowsError(try RawConnection(port: port))
        server.stop()
    }
}
