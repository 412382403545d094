import Foundation
import TestSupport
import XCTest

/// Every `sh` block of Docs/Quickstart.md, run in order as one bash script (`set -euo pipefail`)
/// against the real `stylify serve`: the documented curl commands work as written.
final class QuickstartTests: XCTestCase {
    /// The runnable blocks of the Quickstart, in order.
    static func shellBlocks() throws -> [String] {
        let text = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Docs/Quickstart.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sh" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    func testEveryShellBlockRunsAgainstARealServer() throws {
        for tool in ["jq", "curl", "bash"] {
            let found = FileManager.default.isExecutableFile(atPath: "/usr/bin/\(tool)") || FileManager.default.isExecutableFile(atPath: "/bin/\(tool)")
            try XCTSkipUnless(found, "the Quickstart needs \(tool)")
        }
        let blocks = try Self.shellBlocks()
        XCTAssertGreaterThanOrEqual(blocks.count, 12, "sign-up … clean-up")
        for flow in ["/v1/accounts", "/v1/sessions", "/v1/api-keys", "/v1/assets", "/v1/filters", "/v1/stylizations", "/v1/webhooks",
                     "/v1/email-verifications", "/v1/password-resets", "/v1/me/password"] {
            XCTAssertTrue(blocks.contains { $0.contains(flow) }, "the Quickstart shows \(flow)")
        }

        let server = try ClientDocsServer("quickstart")
        let receiver = try WebhookReceiver()
        defer {
            receiver.stop()
            XCTAssertEqual(server.stop(), 0)
        }
        let script = server.directory.appendingPathComponent("quickstart.sh")
        try ("set -euo pipefail\n" + blocks.joined(separator: "\n") + "\necho QUICKSTART-DONE\n").write(to: script, atomically: true, encoding: .utf8)
        let result = try server.run("bash", [script.path], environment: [
            "STYLIFY": server.url, "EMAIL": "quick@example.com", "PASSWORD": "correct horse battery",
            "CONTENT": Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg").path,
            "STYLE": Fixtures.styleImages.appendingPathComponent("trial.jpg").path,
            "VIDEO": server.video.path, "MAIL_LOG": server.mailLog.path, "WEBHOOK_URL": receiver.url,
        ])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.hasSuffix("QUICKSTART-DONE\n"), result.output)
        XCTAssertTrue(result.output.contains("token_used"), result.output)
        XCTAssertTrue(result.output.contains("\"status\": \"succeeded\""), result.output)
        XCTAssertEqual(receiver.waitForRequests(1, timeout: 30).count, 1, "the video's webhook reached the endpoint: \(result.output)")
        let image = try Data(contentsOf: server.directory.appendingPathComponent("stylized.jpg"))
        XCTAssertEqual(ClientDocsServer.jpegSize([UInt8](image)).map { max($0.width, $0.height) }, 256)
    }
}
