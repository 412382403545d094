import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Request bodies: route limits enforced while reading, large bodies spooled to disk, multipart.
final class BodyStreamingTests: XCTestCase {
    private var server: TestServer!
    private var partsDirectory: URL!

    override func setUpWithError() throws {
        let partsDirectory = try Fixtures.temporaryDirectory("parts")
        self.partsDirectory = partsDirectory
        server = try TestServer { configuration in
            configuration.limits.bodyMemoryThreshold = 64 * 1024
        } routes: { router in
            router.post("/small", options: RouteOptions(maxBodyBytes: 1000)) { request in
                .json(["bytes": request.body.count])
            }
            router.post("/big", options: RouteOptions(maxBodyBytes: 1 << 30)) { request in
                // Spot-check the pattern (byte i is i % 251) at three places without loading the file.
                var intact = false
                if let url = request.body.fileURL {
                    let handle = try FileHandle(forReadingFrom: url)
                    defer { try? handle.close() }
                    intact = true
                    for offset in [0, request.body.count / 2, request.body.count - 4096] {
                        try handle.seek(toOffset: UInt64(offset))
                        let bytes = try handle.read(upToCount: 4096) ?? Data()
                        for (i, byte) in bytes.enumerated() where byte != UInt8((Int(offset) + i) % 251) { intact = false }
                    }
                }
                return .json([
                    "bytes": "\(request.body.count)", "on_disk": "\(request.body.fileURL != nil)", "intact": "\(intact)",
                ])
            }
            router.post("/form", options: RouteOptions(maxBodyBytes: 100 << 20)) { request in
                let target = partsDirectory
                let form = try request.multipartForm(storingFilesIn: target)
                let file = form.file("image")
                let content = try file.map { try Data(contentsOf: $0.url) } ?? Data()
                return .json([
                    "title": form.field("title") ?? "", "filename": file?.filename ?? "",
                    "content_type": file?.contentType ?? "", "size": "\(file?.size ?? -1)",
                    "in_dir": "\(file?.url.path.hasPrefix(target.path) ?? false)",
                    "checksum": "\(content.reduce(0) { $0 &+ Int($1) })",
                ])
            }
        }
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: partsDirectory)
    }

    func testDeclaredLengthOverRouteLimitIs413WithoutReadingTheBody() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 413, "no 100 Continue for a body that will be refused")
        XCTAssertTrue(response.text.contains(#""limit":1000"#))
    }

    func testChunkedBodyIsRefusedWith413AsSoonAsItPassesTheLimit() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        // 600 + 600 bytes crosses 1000; the client then keeps "sending" but the answer is already there.
        let chunk = "258\r\n" + String(repeating: "a", count: 600) + "\r\n"
        try connection.send(chunk + chunk)
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(response.text.contains(#""code":"body_too_large""#))
    }

    func testBodyWithinLimitIsAccepted() throws {
        let result = try URLSessionClient().post(server.baseURL + "/small", body: Data(repeating: 7, count: 1000))
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.text, #"{"bytes":1000}"#)
    }

    func testLargeUploadIsSpooledToDiskAndMemoryStaysFlat() throws {
        let total = 200 * 1024 * 1024
        let before = Self.residentBytes()
        let connection = try RawConnection(port: server.port, timeout: 20)
        try connection.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: \(total)\r\n\r\n")
        // Generated on the fly, ~1 MiB at a time: neither side ever holds the whole body. The block
        // length is a multiple of 251, so every block carries the same slice of the pattern.
        let block = (0..<(251 * 4096)).map { UInt8($0 % 251) }
        var sent = 0
        var peak = before
        var blocks = 0
        while sent < total {
            let count = min(block.count, total - sent)
            try connection.send(count == block.count ? block : Array(block[0..<count]))
            sent += count
            blocks += 1
            if blocks % 32 == 0 {
                peak = max(peak, Self.residentBytes())
                XCTAssertEqual(server.spooledFiles().count, 1, "the body should be in one spool file")
            }
        }
        let response = try connection.readResponse()
        peak = max(peak, Self.residentBytes())
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"bytes":"\#(total)","intact":"true","on_disk":"true"}"#)
        XCTAssertLessThan(peak - before, 48 << 20, "resident memory grew by \((peak - before) >> 20) MiB")
        // The spool file is removed once the response is out.
        let deadline = Date().addingTimeInterval(2)
        while !server.spooledFiles().isEmpty && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(server.spooledFiles(), [])
    }

    func testMultipartFilePartIsStreamedToDisk() throws {
        let boundary = "----stylify-test-boundary"
        var payload = [UInt8]()
        for i in 0..<300_000 { payload.append(UInt8(truncatingIfNeeded: i &* 31)) }
        // Include the delimiter's prefix inside the data to prove it is not mistaken for a boundary.
        payload.append(contentsOf: Array("\r\n--".utf8))
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSunset über Berlin\r\n".utf8))
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"../../etc/photo.png\"\r\n".utf8))
        body.append(Data("Content-Type: image/png\r\n\r\n".utf8))
        body.append(Data(payload))
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let result = try URLSessionClient().post(
            server.baseURL + "/form", body: body,
            headers: ["Content-Type": "multipart/form-data; boundary=\"\(boundary)\""])
        XCTAssertEqual(result.status, 200, result.text)
        let json = try result.json()
        XCTAssertEqual(json["title"] as? String, "Sunset über Berlin")
        XCTAssertEqual(json["filename"] as? String, "photo.png")
        XCTAssertEqual(json["content_type"] as? String, "image/png")
        XCTAssertEqual(json["size"] as? String, "\(payload.count)")
        XCTAssertEqual(json["in_dir"] as? String, "true")
        XCTAssertEqual(json["checksum"] as? String, "\(payload.reduce(0) { $0 &+ Int($1) })")
    }

    func testMultipartWithoutClosingBoundaryIs400() throws {
        let body = Data("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue".utf8)
        let result = try URLSessionClient().post(
            server.baseURL + "/form", body: body, headers: ["Content-Type": "multipart/form-data; boundary=b"])
        XCTAssertEqual(result.status, 400)
        XCTAssertEqual(try result.json()["code"] as? String, "invalid_multipart")
    }

    func testNonMultipartBodyToFormRouteIs415() throws {
        let result = try URLSessionClient().post(
            server.baseURL + "/form", body: Data("{}".utf8), headers: ["Content-Type": "application/json"])
        XCTAssertEqual(result.status, 415)
    }

    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}
