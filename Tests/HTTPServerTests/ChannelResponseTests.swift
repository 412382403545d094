import Foundation
import HTTPServer
import TestSupport
import XCTest

/// `ResponseBody.channel`: a body the application pushes into from any thread, with no worker
/// thread held while it is open.
final class ChannelResponseTests: XCTestCase {
    /// The writers the route handed out, in order, and how many of them closed.
    final class Writers: @unchecked Sendable {
        private let lock = NSCondition()
        private var writers: [ResponseChannelWriter] = []
        private var closedCount = 0

        func add(_ writer: ResponseChannelWriter) {
            writer.onClose { [self] in
                lock.lock()
                closedCount += 1
                lock.broadcast()
                lock.unlock()
            }
            lock.lock()
            writers.append(writer)
            lock.broadcast()
            lock.unlock()
        }

        func waitFor(count: Int, timeout: TimeInterval = 5) -> [ResponseChannelWriter] {
            let deadline = Date().addingTimeInterval(timeout)
            lock.lock()
            defer { lock.unlock() }
            while writers.count < count, lock.wait(until: deadline) {}
            return writers
        }

        func waitForClosed(_ count: Int, timeout: TimeInterval = 5) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            lock.lock()
            defer { lock.unlock() }
            while closedCount < count, lock.wait(until: deadline) {}
            return closedCount >= count
        }
    }

    private func server(writers: Writers, configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> TestServer {
        try TestServer(configure: { configuration in
            configuration.workerThreads = 1
            configure(&configuration)
        }, routes: { router in
            router.get("/v1/events", options: RouteOptions(execution: .worker)) { _ in
                Response(status: .ok, headers: ["Content-Type": "text/event-stream"], body: .channel(ResponseChannel { writer in
                    writers.add(writer)
                }))
            }
            router.get("/v1/ping", options: RouteOptions(execution: .worker)) { _ in .text("pong") }
        })
    }

    func testPushedPiecesArriveAsChunksAndFinishKeepsTheConnection() throws {
        let writers = Writers()
        let server = try server(writers: writers)
        defer { server.stop() }
        let client = try RawConnection(port: server.port)
        try client.send("GET /v1/events HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try client.readHead()
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Transfer-Encoding"), "chunked")
        XCTAssertEqual(head.header("Content-Type"), "text/event-stream")
        let writer = try XCTUnwrap(writers.waitFor(count: 1).first)
        XCTAssertTrue(writer.isOpen)
        XCTAssertTrue(writer.send("data: one\n\n"))
        XCTAssertEqual(String(decoding: try client.readChunk(), as: UTF8.self), "data: one\n\n")
        // From another thread, as a publisher would.
        let sent = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            writer.send("data: two\n\n")
            sent.signal()
        }
        sent.wait()
        XCTAssertEqual(String(decoding: try client.readChunk(), as: UTF8.self), "data: two\n\n")
        writer.finish()
        XCTAssertEqual(try client.readChunk(), [])
        XCTAssertFalse(writer.isOpen)
        XCTAssertFalse(writer.send("late"))
        XCTAssertTrue(writers.waitForClosed(1))
        // The body ended cleanly, so the connection serves the next request.
        try client.send("GET /v1/ping HTTP/1.1\r\nHost: t\r\n\r\n")
        let next = try client.readResponse()
        XCTAssertEqual(next.status, 200)
        XCTAssertEqual(next.text, "pong")
    }

    func testOpenChannelsHoldNoWorkerThread() throws {
        let writers = Writers()
        let server = try server(writers: writers)  // one worker thread
        defer { server.stop() }
        var clients: [RawConnection] = []
        for _ in 0..<4 {
            let client = try RawConnection(port: server.port)
            try client.send("GET /v1/events HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try client.readHead().status, 200)
            clients.append(client)
        }
        // Four bodies open on a server with one worker, and a worker route still answers.
        let ping = try RawConnection(port: server.port)
        try ping.send("GET /v1/ping HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try ping.readResponse().text, "pong")
        let open = writers.waitFor(count: 4)
        XCTAssertEqual(open.count, 4)
        for (index, writer) in open.enumerated() { XCTAssertTrue(writer.send("data: \(index)\n\n")) }
        let received = try clients.map { String(decoding: try $0.readChunk(), as: UTF8.self) }
        XCTAssertEqual(Set(received), Set((0..<4).map { "data: \($0)\n\n" }))
    }

    func testClientThatLeftIsNoticedAtTheNextSends() throws {
        let writers = Writers()
        let server = try server(writers: writers)
        defer { server.stop() }
        do {
            let client = try RawConnection(port: server.port)
            try client.send("GET /v1/events HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try client.readHead().status, 200)
        }  // closed here
        let writer = try XCTUnwrap(writers.waitFor(count: 1).first)
        var attempts = 0
        while writer.isOpen, attempts < 100 {
            writer.send(": heartbeat\n\n")
            attempts += 1
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertFalse(writer.isOpen, "the server never noticed the client left")
        XCTAssertTrue(writers.waitForClosed(1))
    }

    func testClientThatDoesNotReadIsCutOffAtTheQueueLimit() throws {
        let writers = Writers()
        let server = try server(writers: writers) { $0.limits.maxChannelQueuedBytes = 64 * 1024 }
        defer { server.stop() }
        let client = try RawConnection(port: server.port)
        try client.send("GET /v1/events HTTP/1.1\r\nHost: t\r\n\r\n")
        let writer = try XCTUnwrap(writers.waitFor(count: 1).first)
        let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
        var refused = false
        for _ in 0..<20_000 where !writer.send(piece) {
            refused = true
            break
        }
        XCTAssertTrue(refused, "a client that never reads must not make the server queue without bound")
        XCTAssertTrue(writers.waitForClosed(1))
        XCTAssertTrue(client.closedByServer())
    }

    func testHeadRequestOpensAClosedWriter() throws {
        let writers = Writers()
        let server = try server(writers: writers)
        defer { server.stop() }
        let client = try RawConnection(port: server.port)
        try client.send("HEAD /v1/events HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse(head: true).status, 200)
        let writer = try XCTUnwrap(writers.waitFor(count: 1).first)
        XCTAssertFalse(writer.isOpen)
        XCTAssertTrue(writers.waitForClosed(1))
        try client.send("GET /v1/ping HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "pong")
    }

    func testShutdownEndsOpenChannelsWithoutWaitingForTheGracePeriod() throws {
        let writers = Writers()
        let server = try server(writers: writers) { $0.shutdownGracePeriod = .seconds(20) }
        let client = try RawConnection(port: server.port)
        try client.send("GET /v1/events HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readHead().status, 200)
        XCTAssertEqual(writers.waitFor(count: 1).count, 1)
        let started = Date()
        server.server.shutdown(gracePeriod: .seconds(20))
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(try client.readChunk(), [])
        XCTAssertTrue(writers.waitForClosed(1))
        try? FileManager.default.removeItem(at: server.directory)
    }
}
