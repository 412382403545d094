import Foundation
import TestSupport
import XCTest

/// `stylify serve` without `--web-root` serves the repository's web app at `/`, with the strict
/// security headers, while `/v1/...` stays the API.
final class ServeWebAppTests: XCTestCase {
    func testServeWithoutWebRootServesTheBuiltInWebApp() throws {
        // A directory with no Web/ of its own: the app must be found beside the binary's Package.swift.
        let directory = try Fixtures.temporaryDirectory("serve-web")
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path, "--quiet"],
            in: directory)
        defer { _ = serve.stop() }
        let client = HTTPClient(port: serve.port)

        let index = try client.get("/")
        XCTAssertEqual(index.status, 200, index.text)
        XCTAssertEqual(index.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertTrue(index.text.contains("<title>Stylify"), index.text)
        XCTAssertEqual(
            index.header("Content-Security-Policy"),
            "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:")

        let script = try client.get("/js/main.js")
        XCTAssertEqual(script.status, 200)
        XCTAssertEqual(script.header("Content-Type"), "text/javascript; charset=utf-8")

        // The app routes by `#/account`; `/account` names no file and is not the shell.
        let page = try client.send("GET", "/account", headers: [("Accept", "text/html")])
        XCTAssertEqual(page.status, 404)
        XCTAssertFalse(page.text.contains("<title>Stylify"), page.text)
        let api = try client.get("/v1/me")
        XCTAssertEqual(api.status, 401, "the API wins over the app shell")
    }

    func testExplicitWebRootReplacesTheBuiltInWebApp() throws {
        let directory = try Fixtures.temporaryDirectory("serve-web-root")
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("<!doctype html><title>Operator's own page</title>".utf8).write(to: root.appendingPathComponent("index.html"))
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path, "--quiet",
             "--web-root", root.path],
            in: directory)
        defer { _ = serve.stop() }
        let client = HTTPClient(port: serve.port)

        XCTAssertTrue(try client.get("/").text.contains("Operator's own page"))
        XCTAssertEqual(try client.get("/js/main.js").status, 404, "nothing of the built-in app is served")
    }
}
