import Filters
import Foundation
import Quotas
import TestSupport
import Webhooks
import XCTest

/// `content_url` (stylizations) and `style_url` (filters) against a real server: the default
/// policy refuses every internal address, literal or behind a redirect, before connecting; with
/// 127.0.0.1 named as allowed (what `serve --fetch-allow-host 127.0.0.1` sets) the server fetches
/// from a real loopback origin, and each failure of that origin is a precise 4xx that keeps nothing.
final class ContentURLTests: StylizationTestCase {
    private var origin: MediaOrigin!

    override func setUpWithError() throws {
        origin = try MediaOrigin()
        stylizations = try StylizationServer(fetcher: RemoteFetcher(policy: RemoteFetchPolicy(
            allowedHosts: ["127.0.0.1"], maxRedirects: 2, connectTimeout: 2, totalTimeout: 1.5)))
        server = nil
    }

    override func tearDownWithError() throws {
        origin?.stop()
        try super.tearDownWithError()
    }

    private var photoBytes: [UInt8] { [UInt8](try! Data(contentsOf: Self.photo)) }

    private func stylizeURL(_ url: String, _ user: SignedUp, filter: Filter) throws -> HTTPClient.Response {
        try stylize(["content_url": url, "filters": [filter.id.rawValue], "max_side": 96], token: user.sessionToken)
    }

    /// Nothing of a refused fetch is kept: no asset, no stylization, no file in the upload folder.
    private func assertNothingKept(_ user: SignedUp, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try stylizations.assets.list(account: user.accountID, limit: 10, startingAfter: nil).items.count, 0, file: file, line: line)
        XCTAssertEqual(try stylizations.service.list(account: user.accountID, limit: 10, startingAfter: nil).items.count, 0, file: file, line: line)
        let uploads = stylizations.directory.appendingPathComponent("uploads")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? []
        XCTAssertEqual(left.filter { $0.hasPrefix("fetch-") }, [], file: file, line: line)
    }

    func testContentFetchedFromAnAllowedOriginBecomesAnAssetAndIsStylized() throws {
        let user = try signUp("url@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        origin.serve("/photos/brad.jpg", .file(photoBytes, contentType: "image/jpeg"))
        let response = try stylizeURL(origin.url("/photos/brad.jpg"), user, filter: filter)
        XCTAssertEqual(response.status, 201, response.text)
        let body = try response.json()
        XCTAssertEqual(body["status"] as? String, "succeeded", response.text)
        let content = try XCTUnwrap(body["content"] as? String)
        let asset = try stylizations.assets.get(try AssetID.parse(content), account: user.accountID)
        XCTAssertEqual(asset.name, "brad.jpg")
        XCTAssertEqual(asset.bytes, Int64(photoBytes.count), "charged like an upload of the same bytes")
        XCTAssertEqual(asset.mediaType, "image/jpeg")
    }

    func testARedirectIsFollowedAndEachHopChecked() throws {
        let user = try signUp("redirect@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        origin.serve("/photo.jpg", .file(photoBytes, contentType: "image/jpeg"))
        origin.serve("/moved", .redirect("/photo.jpg", status: 301))
        XCTAssertEqual(try stylizeURL(origin.url("/moved"), user, filter: filter).status, 201)

        // Into internal addresses the allowed host does not cover: refused at that hop.
        for (index, target) in ["http://10.0.0.7/x.jpg", "http://169.254.169.254/latest/meta-data", "http://[::1]:\(origin.port)/photo.jpg",
                                "http://localhost:\(origin.port)/photo.jpg", "http://2130706434/photo.jpg"].enumerated() {
            origin.serve("/evil\(index)", .redirect(target))
            let response = try stylizeURL(origin.url("/evil\(index)"), user, filter: filter)
            try assertProblem(response, status: 422, code: "url_not_allowed", param: "content_url")
        }
        origin.serve("/loop", .redirect("/loop"))
        try assertProblem(try stylizeURL(origin.url("/loop"), user, filter: filter), status: 422, code: "url_too_many_redirects", param: "content_url")
        origin.serve("/ftp", .redirect("ftp://example.com/x.jpg"))
        try assertProblem(try stylizeURL(origin.url("/ftp"), user, filter: filter), status: 422, code: "invalid_url", param: "content_url")
        XCTAssertEqual(try stylizations.assets.list(account: user.accountID, limit: 10, startingAfter: nil).items.filter { $0.stylizationID == nil }.count, 1, "one content asset, from the followed redirect")
    }

    func testASlowOriginTimesOut() throws {
        let user = try signUp("slow@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        origin.serve("/slow.jpg", .slow(seconds: 4))
        let started = Date()
        try assertProblem(try stylizeURL(origin.url("/slow.jpg"), user, filter: filter), status: 422, code: "url_timeout", param: "content_url")
        XCTAssertLessThan(Date().timeIntervalSince(started), 3.5, "the total timeout (1.5 s) bounds the fetch")
        try assertNothingKept(user)
    }

    func testAnOversizedBodyIsRefusedFromItsHeadAndWhileStreaming() throws {
        let user = try signUp("big@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        try stylizations.quotas.administration.setOverride(.uploadBytes, to: 10_000, forAccount: user.accountID)
        origin.serve("/declared.jpg", .file(photoBytes, contentType: "image/jpeg"))
        origin.serve("/streamed.jpg", .unsized(photoBytes, contentType: "image/jpeg"))
        for path in ["/declared.jpg", "/streamed.jpg"] {
            let problem = try assertProblem(try stylizeURL(origin.url(path), user, filter: filter), status: 413, code: "plan_limit")
            XCTAssertEqual(problem["limit"] as? String, "upload_bytes", path)
            XCTAssertEqual(problem["allowed"] as? Int, 10_000, path)
            XCTAssertGreaterThan(problem["requested"] as? Int ?? 0, 10_000, path)
        }
        try assertNothingKept(user)
    }

    func testATruncatedBodyABadStatusAndANonMediaAnswerAreRefused() throws {
        let user = try signUp("broken@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        origin.serve("/cut.jpg", .truncated(Array(photoBytes.prefix(5000)), declared: photoBytes.count, contentType: "image/jpeg"))
        let truncated = try assertProblem(try stylizeURL(origin.url("/cut.jpg"), user, filter: filter), status: 422, code: "url_truncated", param: "content_url")
        XCTAssertEqual(truncated["received"] as? Int, 5000)
        XCTAssertEqual(truncated["declared"] as? Int, photoBytes.count)

        let missing = try assertProblem(try stylizeURL(origin.url("/nothing.jpg"), user, filter: filter), status: 422, code: "url_status", param: "content_url")
        XCTAssertEqual(missing["upstream_status"] as? Int, 404)
        origin.serve("/page", .file(Array("<html></html>".utf8), contentType: "text/html; charset=utf-8"))
        try assertProblem(try stylizeURL(origin.url("/page"), user, filter: filter), status: 422, code: "url_not_media", param: "content_url")
        // Declared an image but is not one: the probe of the stored bytes refuses it, and the asset goes.
        origin.serve("/fake.jpg", .file(Array("not really a jpeg".utf8), contentType: "image/jpeg"))
        XCTAssertEqual(try stylizeURL(origin.url("/fake.jpg"), user, filter: filter).status, 415)
        try assertProblem(try stylizeURL("http://127.0.0.1:\(try LoopbackSocket.closedPort())/x.jpg", user, filter: filter),
                          status: 422, code: "url_unreachable", param: "content_url")
        try assertNothingKept(user)
    }

    func testBadContentURLFieldsAreRefused() throws {
        let user = try signUp("fields@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        origin.serve("/photo.jpg", .file(photoBytes, contentType: "image/jpeg"))
        for bad: Any in ["", 7, ["http://example.com"]] {
            let response = try stylize(["content_url": bad, "filters": [filter.id.rawValue]], token: user.sessionToken)
            try assertProblem(response, status: 422, code: "invalid_request", param: "content_url")
        }
        let both = try stylize(["content_url": origin.url("/photo.jpg"), "content": "ast_x", "filters": [filter.id.rawValue]], token: user.sessionToken)
        try assertProblem(both, status: 422, code: "invalid_request", param: "content_url")
        for url in ["ftp://example.com/a.jpg", "not a url", "http://user:pw@example.com/a.jpg", "/relative.jpg"] {
            try assertProblem(try stylizeURL(url, user, filter: filter), status: 422, code: "invalid_url", param: "content_url")
        }
        try assertProblem(try stylizeURL("http://no-such-host.invalid/a.jpg", user, filter: filter), status: 422, code: "url_unresolvable", param: "content_url")
        try assertNothingKept(user)
    }

    func testStyleURLMakesACustomFilter() throws {
        let user = try signUp("style-url@example.com")
        let style = [UInt8](try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("asheville.jpg")))
        origin.serve("/styles/asheville.jpg", .file(style, contentType: "image/jpeg"))
        let created = try client.post("/v1/filters", json: ["name": "From the web", "style_url": origin.url("/styles/asheville.jpg")], token: user.sessionToken)
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(try created.json()["name"] as? String, "From the web")

        try assertProblem(try client.post("/v1/filters", json: ["name": "x"], token: user.sessionToken), status: 422, code: "missing_field", param: "style_url")
        try assertProblem(try client.post("/v1/filters", json: ["style_url": origin.url("/styles/asheville.jpg")], token: user.sessionToken),
                          status: 422, code: "missing_field", param: "name")
        try assertProblem(try client.post("/v1/filters", json: ["name": "x", "style_url": 3], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "style_url")
        origin.serve("/styles/moved", .redirect("http://192.168.1.1/style.jpg"))
        try assertProblem(try client.post("/v1/filters", json: ["name": "x", "style_url": origin.url("/styles/moved")], token: user.sessionToken),
                          status: 422, code: "url_not_allowed", param: "style_url")
        XCTAssertEqual(try stylizations.filters.list(account: user.accountID, limit: 100, startingAfter: nil).items.filter { $0.accountID != nil }.count, 1)
    }
}

/// The default policy (what `serve` runs without `--fetch-allow-host`): no internal address is
/// ever fetched, whatever form it is written in.
final class ContentURLDefaultPolicyTests: StylizationTestCase {
    func testInternalAddressesAreRefusedBeforeAnyConnection() throws {
        let origin = try MediaOrigin()
        defer { origin.stop() }
        origin.serve("/photo.jpg", .file([UInt8](try Data(contentsOf: Self.photo)), contentType: "image/jpeg"))
        let user = try signUp("ssrf@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let targets = [
            origin.url("/photo.jpg"), "http://127.0.0.1/", "http://127.1:\(origin.port)/photo.jpg", "http://2130706433/",
            "http://10.1.2.3/a.jpg", "http://172.16.0.1/a.jpg", "http://192.168.0.1/a.jpg", "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:\(origin.port)/photo.jpg", "http://[::ffff:127.0.0.1]/", "http://[fe80::1]/", "http://0.0.0.0/",
            "http://localhost:\(origin.port)/photo.jpg", "http://printer.localhost/",
        ]
        for target in targets {
            let response = try stylize(["content_url": target, "filters": [filter.id.rawValue]], token: user.sessionToken)
            try assertProblem(response, status: 422, code: "url_not_allowed", param: "content_url")
        }
        XCTAssertEqual(origin.requestedPaths, [], "nothing connected to the loopback origin")
        let style = try client.post("/v1/filters", json: ["name": "x", "style_url": origin.url("/photo.jpg")], token: user.sessionToken)
        try assertProblem(style, status: 422, code: "url_not_allowed", param: "style_url")
        XCTAssertEqual(try stylizations.assets.list(account: user.accountID, limit: 10, startingAfter: nil).items.count, 0)
    }
}
