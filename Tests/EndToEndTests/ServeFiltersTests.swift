import Foundation
import TestSupport
import XCTest

/// `stylify serve` with and without the style model installed.
final class ServeFiltersTests: XCTestCase {
    func testWithoutTheModelTheServerRunsButIsNotReadyAndRefusesFilterCreation() throws {
        let directory = try Fixtures.temporaryDirectory("serve-models")
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = directory.appendingPathComponent("no-models")
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path, "--models", models.path, "--quiet"],
            in: directory)
        defer { _ = serve.stop() }
        let client = HTTPClient(port: serve.port)

        let ready = try client.get("/readyz")
        XCTAssertEqual(ready.status, 503, ready.text)
        let report = try ready.json()
        XCTAssertEqual(report["failed"] as? [String], ["model"])
        let model = try XCTUnwrap((report["checks"] as? [String: String])?["model"])
        XCTAssertTrue(model.contains(models.appendingPathComponent("microast").path), model)
        XCTAssertEqual((report["checks"] as? [String: String])?["database"], "ok")

        let signUp = try client.post("/v1/accounts", json: ["email": "ops@example.com", "password": "correct horse battery"])
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)
        let refused = try client.send(
            "POST", "/v1/filters", token: token, headers: [("Content-Type", "multipart/form-data; boundary=x")],
            body: Array("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nA\r\n--x--\r\n".utf8))
        XCTAssertEqual(refused.status, 503, refused.text)
        let problem = try refused.json()
        XCTAssertEqual(problem["code"] as? String, "model_unavailable")
        XCTAssertTrue((problem["detail"] as? String ?? "").contains("microast"), refused.text)
        XCTAssertEqual(try client.get("/v1/filters", token: token).status, 200, "reading filters still works")
    }

    func testWithTheModelTheGalleryIsSeededAtStartUpAndAssetsAreServed() throws {
        let directory = try Fixtures.temporaryDirectory("serve-gallery")
        defer { try? FileManager.default.removeItem(at: directory) }
        let gallery = directory.appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: gallery, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent("trial.jpg"), to: gallery.appendingPathComponent("trial.jpg"))
        let data = directory.appendingPathComponent("data")
        let serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--gallery", gallery.path, "--quiet"],
            in: directory)
        defer { _ = serve.stop() }
        let client = HTTPClient(port: serve.port)
        XCTAssertEqual(try client.get("/readyz").status, 200)

        let signUp = try client.post("/v1/accounts", json: ["email": "ops@example.com", "password": "correct horse battery"])
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)
        let filters = try client.get("/v1/filters", token: token).json()["data"] as? [[String: Any]] ?? []
        XCTAssertEqual(filters.compactMap { $0["name"] as? String }, ["Trial"])

        let image = try Data(contentsOf: Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        let created = try client.send("POST", "/v1/assets", token: token, headers: [("Content-Type", "image/jpeg")], body: [UInt8](image))
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: data.appendingPathComponent("blobs").path))
    }
}
