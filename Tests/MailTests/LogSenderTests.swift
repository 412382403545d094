import Foundation
import Mail
import Storage
import TestSupport
import XCTest

/// The default sender: every message appended to a file (mode 0600) and one log line with the link.
final class LogSenderTests: MailTestCase {
    func testMessagesAreAppendedToTheFileAndLoggedWithTheirLink() throws {
        let file = directory.appendingPathComponent("mail.log")
        let lines = LockedLines()
        let mail = service(LogSender(file: file, log: { lines.append($0) }))
        let first = try enqueue(MailMessage(to: "ada@example.com", subject: "Verify", text: "Click http://x.test/#/verify-email?token=evt_1 now"), on: mail)
        let second = try enqueue(MailMessage(to: "bob@example.com", subject: "Reset", text: "No link here"), on: mail)
        XCTAssertEqual(try mail.sendDue(), 2)

        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains("To: ada@example.com\r\n"), text)
        XCTAssertTrue(text.contains("http://x.test/#/verify-email?token=evt_1"), text)
        XCTAssertTrue(text.contains("To: bob@example.com\r\n"), text)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(lines.all.count, 2)
        XCTAssertTrue(lines.all[0].contains(#"link="http://x.test/#/verify-email?token=evt_1""#), lines.all[0])
        XCTAssertFalse(lines.all[1].contains("link="), lines.all[1])
        XCTAssertEqual(try mail.record(first)?.status, .sent)
        XCTAssertEqual(try mail.record(second)?.status, .sent)
    }

    func testAnUnwritableFileIsRetried() throws {
        let file = directory.appendingPathComponent("missing-folder/mail.log")
        let mail = service(LogSender(file: file, log: { _ in }), configuration: MailConfiguration(retryDelays: [3600]))
        let id = try enqueue(MailMessage(to: "ada@example.com", subject: "Verify", text: "x"), on: mail)
        XCTAssertEqual(try mail.sendDue(), 1)
        let record = try XCTUnwrap(try mail.record(id))
        XCTAssertEqual(record.status, .pending)
        XCTAssertTrue(record.lastError?.contains("could not append") ?? false, record.lastError ?? "")
    }
}

/// Log lines collected from the sender's thread.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
