import Foundation
import HTTPServer
import TestSupport
import XCTest

/// File downloads and the static web app: sendfile, Range, ETag/If-None-Match, media types, caching.
final class FileResponseTests: XCTestCase {
    private var server: TestServer!
    private var webRoot: URL!
    private let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }

    override func setUpWithError() throws {
        let webRoot = try Fixtures.temporaryDirectory("web")
        self.webRoot = webRoot
        try Data("<!doctype html><title>Stylify</title>".utf8).write(to: webRoot.appendingPathComponent("index.html"))
        try FileManager.default.createDirectory(at: webRoot.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("body{color:red}".utf8).write(to: webRoot.appendingPathComponent("assets/app.css"))
        try Data(payload).write(to: webRoot.appendingPathComponent("blob.bin"))
        try Data("secret".utf8).write(to: webRoot.appendingPathComponent(".env"))
        let blob = webRoot.appendingPathComponent("blob.bin")
        server = try TestServer { configuration in
            configuration.webRoot = webRoot
        } routes: { router in
            router.get("/v1/download") { _ in try .file(blob, contentType: "application/octet-stream") }
        }
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: webRoot)
    }

    func testWholeFileIsSentWithValidators() throws {
        let result = try URLSessionClient().get(server.baseURL + "/v1/download")
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual([UInt8](result.body), payload)
        XCTAssertEqual(result.header("Accept-Ranges"), "bytes")
        XCTAssertNotNil(result.header("ETag"))
        XCTAssertNotNil(result.header("Last-Modified"))
    }

    func testRangeRequestReturnsPartialContent() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/download HTTP/1.1\r\nHost: t\r\nRange: bytes=100-199\r\n\r\n")
        let partial = try connection.readResponse()
        XCTAssertEqual(partial.status, 206)
        XCTAssertEqual(partial.header("Content-Range"), "bytes 100-199/100000")
        XCTAssertEqual(partial.body, Array(payload[100..<200]))
        try connection.send("GET /v1/download HTTP/1.1\r\nHost: t\r\nRange: bytes=-10\r\n\r\n")
        let suffix = try connection.readResponse()
        XCTAssertEqual(suffix.status, 206)
        XCTAssertEqual(suffix.body, Array(payload[99_990...]))
        try connection.send("GET /v1/download HTTP/1.1\r\nHost: t\r\nRange: bytes=99000-\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().body, Array(payload[99_000...]))
    }

    func testUnsatisfiableRangeIs416() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /v1/download HTTP/1.1\r\nHost: t\r\nRange: bytes=200000-\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 416)
        XCTAssertEqual(response.header("Content-Range"), "bytes */100000")
        // A malformed or multi-range header is ignored: the whole file comes back.
        try connection.send("GET /v1/download HTTP/1.1\r\nHost: t\r\nRange: bytes=0-1,5-6\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 200)
    }

    func testMatchingIfNoneMatchIs304() throws {
        let client = URLSessionClient()
        let first = try client.get(server.baseURL + "/assets/app.css")
        let etag = try XCTUnwrap(first.header("ETag"))
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /assets/app.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"nope\", \(etag)\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 304)
        XCTAssertEqual(response.header("ETag"), etag)
        XCTAssertTrue(response.body.isEmpty)
        try connection.send("GET /assets/app.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"other\"\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 200)
    }

    func testStaticFilesHaveMediaTypeAndCachePolicy() throws {
        let client = URLSessionClient()
        let css = try client.get(server.baseURL + "/assets/app.css")
        XCTAssertEqual(css.header("Content-Type"), "text/css; charset=utf-8")
        XCTAssertEqual(css.header("Cache-Control"), "public, max-age=3600")
        let index = try client.get(server.baseURL + "/")
        XCTAssertEqual(index.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertEqual(index.header("Cache-Control"), "no-cache")
        XCTAssertTrue(index.text.contains("Stylify"))
    }

    func testAPathNamingNoFileIs404HTMLForBrowsersAndAProblemForClients() throws {
        // The app routes by `#/…`: no path outside /v1 stands for a view, so none gets the shell.
        let connection = try RawConnection(port: server.port)
        for path in ["/gallery/recent", "/account", "/index.htm", "/assets/missing.css"] {
            try connection.send("GET \(path) HTTP/1.1\r\nHost: t\r\nAccept: text/html,application/xhtml+xml\r\n\r\n")
            let page = try connection.readResponse()
            XCTAssertEqual(page.status, 404, path)
            XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8", path)
            XCTAssertTrue(page.text.contains("Page not found"), path)
            XCTAssertFalse(page.text.contains("<title>Stylify</title>"), "\(path) got the app shell")
            XCTAssertEqual(page.header("X-Content-Type-Options"), "nosniff", path)
            XCTAssertNotNil(page.header("Content-Security-Policy"), path)
        }
        let client = URLSessionClient()
        let problem = try client.get(server.baseURL + "/gallery/recent")
        XCTAssertEqual(problem.status, 404)
        XCTAssertEqual(problem.header("Content-Type"), "application/problem+json")
    }

    func testStaticFilesCarryAStrictContentSecurityPolicy() throws {
        let client = URLSessionClient()
        for path in ["/", "/assets/app.css"] {
            let response = try client.get(server.baseURL + path)
            XCTAssertEqual(response.status, 200, path)
            XCTAssertEqual(
                response.header("Content-Security-Policy"),
                "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:", path)
            XCTAssertEqual(response.header("X-Content-Type-Options"), "nosniff", path)
            XCTAssertEqual(response.header("Referrer-Policy"), "no-referrer", path)
        }
    }

    func testApiPathsAreNeverAnsweredWithTheAppShell() throws {
        let client = URLSessionClient()
        XCTAssertEqual([UInt8](try client.get(server.baseURL + "/v1/download").body), payload)
        let unknown = try client.get(server.baseURL + "/v1/no-such-route")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.header("Content-Type"), "application/problem+json")
        XCTAssertFalse(unknown.text.contains("<title>Stylify"))
    }

    func testStaticFilesRefuseTraversalAndDotFiles() throws {
        let connection = try RawConnection(port: server.port)
        for path in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.env", "/assets/missing.css"] {
            try connection.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try connection.readResponse().status, 404, path)
        }
    }
}
