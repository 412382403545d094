import Foundation
import TestSupport
import XCTest

/// `stylify serve` wires the webhook endpoints and the SSRF rule, and documents its flag.
final class ServeWebhooksTests: XCTestCase {
    func testServeRefusesLoopbackEndpointsUnlessTheOperatorAllowsThem() throws {
        let directory = try Fixtures.temporaryDirectory("serve-webhooks")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        let arguments = ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--quiet"]

        let strict = try ServeProcess(arguments, in: directory)
        var client = HTTPClient(port: strict.port)
        client.timeoutSeconds = 30
        let signUp = try client.post("/v1/accounts", json: ["email": "serve-hooks@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let token = try XCTUnwrap(try signUp.json()["session_token"] as? String)
        for url in ["http://127.0.0.1:9/hooks", "http://10.0.0.1/hooks", "http://[::1]/hooks"] {
            let refused = try client.post("/v1/webhooks", json: ["url": url], token: token)
            XCTAssertEqual(refused.status, 422, refused.text)
            XCTAssertEqual(try refused.json()["code"] as? String, "address_not_allowed")
            XCTAssertEqual(try refused.json()["param"] as? String, "url")
        }
        XCTAssertEqual(try client.post("/v1/webhooks", json: ["url": "https://example.com/hooks"], token: token).status, 201)
        XCTAssertEqual(strict.stop(), 0)

        let relaxed = try ServeProcess(arguments + ["--webhooks-allow-private"], in: directory)
        defer { _ = relaxed.stop() }
        client = HTTPClient(port: relaxed.port)
        client.timeoutSeconds = 30
        let accepted = try client.post("/v1/webhooks", json: ["url": "http://127.0.0.1:9/hooks"], token: token)
        XCTAssertEqual(accepted.status, 201, accepted.text)
        XCTAssertEqual((try client.get("/v1/webhooks", token: token).json()["data"] as? [Any])?.count, 2, "kept across the restart")
    }

    func testServeHelpExplainsTheWebhooksFlag() throws {
        let help = try StylifyProcess.run(["serve", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--webhooks-allow-private"), help.stdout)
        XCTAssertTrue(help.stdout.contains("STYLIFY_WEBHOOKS_ALLOW_PRIVATE"), help.stdout)
    }
}
