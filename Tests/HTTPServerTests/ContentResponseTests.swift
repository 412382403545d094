import Foundation
import Glibc
import HTTPServer
import TestSupport
import XCTest

/// `ResponseBody.content`: bytes of known length opened only when sent, for the range asked.
/// A reader (an object store's stream) is copied on a worker with `Content-Length`; an open file's
/// descriptor (a local blob's, as `Storage.BlobReadStream` hands it over) goes out with `sendfile`.
final class ContentResponseTests: XCTestCase {
    private var server: TestServer!
    private var directory: URL!
    private var file: URL!
    private let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }
    private let opens = OpenLog()

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("content-responses")
        file = directory.appendingPathComponent("blob")
        try Data(payload).write(to: file)
        let (payload, opens, path) = (payload, opens, file!.path)
        let worker = RouteOptions(execution: .worker)
        server = try TestServer.serving { router in
            router.get("/v1/reader", options: worker) { _ in
                Response(status: .ok, headers: ["Content-Type": "application/octet-stream", "ETag": "\"reader\""],
                         body: .content(ResponseContent(length: Int64(payload.count)) { range in
                    opens.record(range)
                    let cursor = Cursor(payload, range: range)
                    return .reader(read: { cursor.next($0) }, close: { opens.closed() })
                }))
            }
            router.get("/v1/short", options: worker) { _ in
                Response(status: .ok, body: .content(ResponseContent(length: 1000) { _ in
                    .reader(read: { _ in [] }, close: {})
                }))
            }
            router.get("/v1/blob", options: worker) { _ in
                Response(status: .ok, headers: ["ETag": "\"blob\""], body: .content(ResponseContent(length: Int64(payload.count)) { range in
                    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                    guard descriptor >= 0 else { throw HTTPError.notFound() }
                    return .file(descriptor: descriptor, offset: range.lowerBound)
                }))
            }
        }
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func testAReaderIsSentWholeWithItsLengthAndClosed() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/reader HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Length"), "300000")
        XCTAssertNil(response.header("Transfer-Encoding"))
        XCTAssertEqual(response.body, payload)
        try eventually { opens.closes == 1 }
        XCTAssertEqual(opens.ranges, [0..<300_000])
        // The connection stays usable: the length ended the body.
        try connection.send("GET /v1/reader HTTP/1.1\r\nHost: t\r\nRange: bytes=100-199\r\n\r\n")
        let partial = try connection.readResponse()
        XCTAssertEqual(partial.status, 206)
        XCTAssertEqual(partial.header("Content-Range"), "bytes 100-199/300000")
        XCTAssertEqual(partial.body, Array(payload[100..<200]))
        XCTAssertEqual(opens.ranges.last, 100..<200, "only the asked range is opened")
    }

    func testSuffixAndOpenEndedRangesOfAReader() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/reader HTTP/1.1\r\nHost: t\r\nRange: bytes=-10\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().body, Array(payload[299_990...]))
        try connection.send("GET /v1/reader HTTP/1.1\r\nHost: t\r\nRange: bytes=299000-\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().body, Array(payload[299_000...]))
    }

    func testUnsatisfiableRangeHeadAnd304OpenNothing() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/reader HTTP/1.1\r\nHost: t\r\nRange: bytes=400000-\r\n\r\n")
        let refused = try connection.readResponse()
        XCTAssertEqual(refused.status, 416)
        XCTAssertEqual(refused.header("Content-Range"), "bytes */300000")
        try connection.send("HEAD /v1/reader HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try connection.readResponse(head: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), "300000")
        try connection.send("GET /v1/reader HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"reader\"\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 304)
        XCTAssertEqual(opens.ranges, [], "nothing was opened for 416, HEAD or 304")
    }

    func testAReaderThatEndsEarlyCutsTheConnection() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/short HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertThrowsError(try connection.readResponse(), "a body shorter than its Content-Length is never passed off as whole")
    }

    func testAnOpenFileGoesOutFromItsDescriptorWholeAndRanged() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/blob HTTP/1.1\r\nHost: t\r\n\r\n")
        let whole = try connection.readResponse()
        XCTAssertEqual(whole.status, 200)
        XCTAssertEqual(whole.body, payload)
        try connection.send("GET /v1/blob HTTP/1.1\r\nHost: t\r\nRange: bytes=123456-123465\r\n\r\n")
        let partial = try connection.readResponse()
        XCTAssertEqual(partial.status, 206)
        XCTAssertEqual(partial.header("Content-Range"), "bytes 123456-123465/300000")
        XCTAssertEqual(partial.body, Array(payload[123_456...123_465]))
        try connection.send("GET /v1/blob HTTP/1.1\r\nHost: t\r\nIf-Range: \"blob\"\r\nRange: bytes=0-0\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().body, [payload[0]])
    }

    func testContentThatVanishedBeforeItIsOpenedIs404() throws {
        try FileManager.default.removeItem(at: file)
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/blob HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json")
    }

    private func eventually(_ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(5)
        while !condition() {
            guard Date() < deadline else { return XCTFail("condition not met in time") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

/// The ranges a content source was opened for, and how often it was closed.
private final class OpenLog: @unchecked Sendable {
    private let lock = NSLock()
    private var opened: [Range<Int64>] = []
    private var closedCount = 0

    func record(_ range: Range<Int64>) { lock.withLock { opened.append(range) } }
    func closed() { lock.withLock { closedCount += 1 } }
    var ranges: [Range<Int64>] { lock.withLock { opened } }
    var closes: Int { lock.withLock { closedCount } }
}

/// Reads `range` of an in-memory payload, as an object store's ranged GET would.
private final class Cursor: @unchecked Sendable {
    private let lock = NSLock()
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ bytes: [UInt8], range: Range<Int64>) {
        self.bytes = bytes
        position = Int(range.lowerBound)
        end = Int(range.upperBound)
    }

    func next(_ count: Int) -> [UInt8] {
        lock.withLock {
            let stop = min(end, position + count)
            defer { position = stop }
            return Array(bytes[position..<stop])
        }
    }
}
