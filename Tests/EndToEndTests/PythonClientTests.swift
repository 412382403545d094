import Foundation
import TestSupport
import XCTest

/// `examples/stylify_client.py` (standard library only) against the real `stylify serve`: it
/// uploads, stylizes, waits by polling and by a signed webhook, and downloads the result.
final class PythonClientTests: XCTestCase {
    private var server: ClientDocsServer!
    private var apiKey: String!
    private let script = Fixtures.repositoryRoot.appendingPathComponent("examples/stylify_client.py").path

    override func setUpWithError() throws {
        server = try ClientDocsServer("python-client")
        let client = HTTPClient(port: server.serve.port)
        let signUp = try client.post("/v1/accounts", json: ["email": "py@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let session = try XCTUnwrap(try signUp.json()["session_token"] as? String)
        let key = try client.post("/v1/api-keys", json: ["name": "python", "scopes": ["assets", "filters", "stylizations", "webhooks"]],
                                  token: session)
        apiKey = try XCTUnwrap(try key.json()["secret"] as? String)
    }

    override func tearDownWithError() throws {
        if let server { XCTAssertEqual(server.stop(), 0) }
    }

    private func runClient(_ arguments: [String]) throws -> [String: Any] {
        let result = try server.run("python3", [script, "--url", server.url] + arguments, environment: ["STYLIFY_API_KEY": apiKey])
        XCTAssertEqual(result.status, 0, result.output)
        let line = try XCTUnwrap(result.output.split(separator: "\n").last, result.output)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], result.output)
    }

    func testThePhotoIsStylizedPolledAndDownloadedAsAJPEGOfTheRequestedSize() throws {
        let content = Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg")
        let source = try XCTUnwrap(ClientDocsServer.jpegSize([UInt8](try Data(contentsOf: content))))
        let output = server.directory.appendingPathComponent("out.jpg")
        let summary = try runClient([content.path, "-o", output.path, "--filter", "trial", "--max-side", "200"])

        XCTAssertEqual(summary["waited_by"] as? String, "polling")
        XCTAssertEqual(summary["media_type"] as? String, "image/jpeg")
        let size = try XCTUnwrap(ClientDocsServer.jpegSize([UInt8](try Data(contentsOf: output))), "the download is a JPEG")
        XCTAssertEqual(size.width, summary["width"] as? Int)
        XCTAssertEqual(size.height, summary["height"] as? Int)
        XCTAssertEqual(max(size.width, size.height), 200, "max_side bounds the long side")
        let expectedShort = Double(min(source.width, source.height)) * 200 / Double(max(source.width, source.height))
        XCTAssertEqual(Double(min(size.width, size.height)), expectedShort, accuracy: 2, "the aspect ratio is kept")
    }

    func testAVideoIsAwaitedByASignedWebhook() throws {
        let output = server.directory.appendingPathComponent("out.mp4")
        let summary = try runClient([server.video.path, "-o", output.path, "--webhook", "--webhook-host", "127.0.0.1"])
        XCTAssertEqual(summary["waited_by"] as? String, "webhook")
        XCTAssertEqual(summary["frames"] as? Int, 6)
        XCTAssertEqual(summary["media_type"] as? String, "video/mp4")
        let bytes = [UInt8](try Data(contentsOf: output))
        XCTAssertEqual(Array(bytes[4..<8]), Array("ftyp".utf8), "an MP4 file")
        let hooks = try HTTPClient(port: server.serve.port).get("/v1/webhooks", token: apiKey).json()["data"] as? [Any]
        XCTAssertEqual(hooks?.count, 0, "the client removed its endpoint")
    }

    func testARefusalExitsNonZeroWithTheProblemCode() throws {
        let result = try server.run("python3", [script, "--url", server.url, "--api-key", "sk_live_" + String(repeating: "x", count: 38),
                                                Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg").path, "-o", "x.jpg"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("malformed_token"), result.output)
    }
}
