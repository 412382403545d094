import Foundation
import TestSupport
import XCTest

/// `stylify serve` fetches `content_url` under its own settings: by default nothing internal,
/// with `--fetch-allow-host 127.0.0.1` from a real loopback origin; the plan's models and the
/// loaded models through the same binary (AdaIN from `../shared/models/adain-synthetic`).
final class ServeContentURLTests: XCTestCase {
    private var directory: URL!
    private var origin: MediaOrigin!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("serve-content-url")
        origin = try MediaOrigin()
        origin.serve("/photo.jpg", .file([UInt8](try Data(contentsOf: Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg"))),
                                         contentType: "image/jpeg"))
    }

    override func tearDownWithError() throws {
        origin?.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// - Parameter gallery: seed the gallery (with AdaIN loaded that computes a second style code
    ///   per image, too slow for a start-up under load, so the AdaIN test leaves it out).
    private func serve(_ extra: [String], models: URL = Fixtures.models, gallery: Bool = true) throws -> ServeProcess {
        let seeding = gallery ? ["--gallery", Fixtures.styleImages.path] : ["--gallery", directory.path]
        return try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path, "--models", models.path,
             "--quiet"] + seeding + extra, in: directory)
    }

    /// A session token and the first gallery filter.
    private func signUp(_ client: HTTPClient) throws -> (token: String, filter: String) {
        let token = try signUpToken(client)
        let filters = try XCTUnwrap(try client.get("/v1/filters", token: token).json()["data"] as? [[String: Any]])
        return (token, try XCTUnwrap(filters.first?["id"] as? String))
    }

    private func signUpToken(_ client: HTTPClient) throws -> String {
        let signUp = try client.post("/v1/accounts", json: ["email": "url@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        return try XCTUnwrap(try signUp.json()["session_token"] as? String)
    }

    func testTheDefaultRefusesLoopbackAndAnAllowedHostIsFetched() throws {
        let refusing = try serve([])
        var client = HTTPClient(port: refusing.port)
        client.timeoutSeconds = 120
        var (token, filter) = try signUp(client)
        let refused = try client.post("/v1/stylizations", json: ["content_url": origin.url("/photo.jpg"), "filters": [filter]], token: token)
        XCTAssertEqual(refused.status, 422, refused.text)
        XCTAssertEqual(try refused.json()["code"] as? String, "url_not_allowed")
        XCTAssertEqual(origin.requestedPaths, [])
        XCTAssertEqual(refusing.stop(), 0)

        let allowing = try serve(["--fetch-allow-host", "127.0.0.1"])
        defer { _ = allowing.stop() }
        client = HTTPClient(port: allowing.port)
        client.timeoutSeconds = 120
        let login = try client.post("/v1/sessions", json: ["email": "url@example.com", "password": "correct horse battery"])
        token = try XCTUnwrap(try login.json()["session_token"] as? String)
        let fetched = try client.post(
            "/v1/stylizations", json: ["content_url": origin.url("/photo.jpg"), "filters": [filter], "max_side": 96], token: token)
        XCTAssertEqual(fetched.status, 201, fetched.text)
        XCTAssertEqual(origin.requestedPaths, ["/photo.jpg"])
        XCTAssertNotNil(try fetched.json()["content"] as? String)
    }

    func testServeListsAdaINWhenItsWeightsAreUnderTheModelsRoot() throws {
        let models = directory.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: models.appendingPathComponent("microast"), withDestinationURL: Fixtures.models.appendingPathComponent("microast"))
        try FileManager.default.createSymbolicLink(at: models.appendingPathComponent("adain"), withDestinationURL: Fixtures.models.appendingPathComponent("adain-synthetic"))
        let process = try serve([], models: models, gallery: false)
        defer { _ = process.stop() }
        let client = HTTPClient(port: process.port)
        let token = try signUpToken(client)
        let listed = try XCTUnwrap(try client.get("/v1/models", token: token).json()["data"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["id"] as? String }, ["microast", "adain"])

        let restricted = try StylifyProcess.run(["admin", "plans", "set", "free", "--models", "microast", "--data-dir", directory.appendingPathComponent("data").path])
        XCTAssertEqual(restricted.status, 0, restricted.stderr)
        Thread.sleep(forTimeInterval: 1.1)
        let me = try XCTUnwrap(try client.get("/v1/me", token: token).json()["quota"] as? [String: Any])
        XCTAssertEqual(me["models"] as? [String], ["microast"])
    }
}
