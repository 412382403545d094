import Foundation
import Mail
import Storage
import TestSupport
import XCTest

/// `SMTPSender` (libcurl) against a real SMTP server on loopback, through the outbox and its
/// dispatcher: delivery, credentials, retries of temporary failures, final rejections.
final class SMTPDeliveryTests: MailTestCase {
    private let message = MailMessage(
        to: "ada@example.com", subject: "Reset your Stylify password",
        text: "Open this link:\nhttp://127.0.0.1:8080/#/reset-password?token=rst_abc\n.\n..a line that starts with dots\nBye")

    func testAMessageIsDeliveredOverSMTPWithHeadersAndDotStuffedBodyIntact() throws {
        let server = try receiver()
        let mail = service(SMTPSender(configuration: try SMTPConfiguration(url: server.url, from: "Stylify <no-reply@stylify.test>")))
        mail.start()
        let id = try enqueue(message, on: mail)

        let received = server.waitForMessages(1)
        XCTAssertEqual(received.count, 1)
        let sent = try XCTUnwrap(received.first)
        XCTAssertEqual(sent.from, "no-reply@stylify.test")
        XCTAssertEqual(sent.recipients, ["ada@example.com"])
        XCTAssertEqual(sent.header("Subject"), "Reset your Stylify password")
        XCTAssertEqual(sent.header("To"), "ada@example.com")
        XCTAssertEqual(sent.header("From"), "Stylify <no-reply@stylify.test>")
        XCTAssertEqual(sent.header("Message-ID"), "<\(id)@stylify.test>")
        XCTAssertEqual(sent.header("Content-Type"), "text/plain; charset=utf-8")
        XCTAssertEqual(sent.body, "Open this link:\r\nhttp://127.0.0.1:8080/#/reset-password?token=rst_abc\r\n.\r\n..a line that starts with dots\r\nBye")
        XCTAssertNil(sent.user)

        let record = try waitUntilFinished(id, on: mail)
        XCTAssertEqual(record.status, .sent)
        XCTAssertEqual(record.attempts, 1)
        let body = try database.read { try $0.queryOne("SELECT body FROM mail_outbox WHERE id = ?", id)?.string("body") }
        XCTAssertEqual(body, "", "a sent message's body (its link) is not kept")
    }

    func testCredentialsFromTheSettingsAuthenticate() throws {
        let server = try receiver(credentials: ("mailer", "s3cret pass"))
        let configuration = try SMTPConfiguration(url: server.url, username: "mailer", password: "s3cret pass", from: "no-reply@stylify.test")
        let mail = service(SMTPSender(configuration: configuration))
        mail.start()
        let id = try enqueue(message, on: mail)
        XCTAssertEqual(server.waitForMessages(1).first?.user, "mailer")
        XCTAssertEqual(try waitUntilFinished(id, on: mail).status, .sent)
    }

    func testWrongCredentialsAreRetriedAndFinallyFailWithTheReason() throws {
        let server = try receiver(credentials: ("mailer", "right"))
        let configuration = try SMTPConfiguration(url: server.url, username: "mailer", password: "wrong", from: "no-reply@stylify.test")
        let mail = service(SMTPSender(configuration: configuration))
        mail.start()
        let id = try enqueue(message, on: mail)
        let record = try waitUntilFinished(id, on: mail)
        XCTAssertEqual(record.status, .failed)
        XCTAssertEqual(record.attempts, Self.fast.maxAttempts, "authentication failures are retried: an operator fixes them")
        XCTAssertTrue(record.lastError?.contains("535") ?? false, record.lastError ?? "")
        XCTAssertTrue(server.received.isEmpty)
    }

    func testATemporaryFailureIsRetriedUntilTheServerTakesTheMessage() throws {
        let server = try receiver(temporaryFailures: 2)
        let mail = service(SMTPSender(configuration: try SMTPConfiguration(url: server.url, from: "no-reply@stylify.test")))
        mail.start()
        let id = try enqueue(message, on: mail)
        XCTAssertEqual(server.waitForMessages(1).count, 1)
        let record = try waitUntilFinished(id, on: mail)
        XCTAssertEqual(record.status, .sent)
        XCTAssertEqual(record.attempts, 3)
    }

    func testARejectedRecipientFailsAtOnceWithoutRetries() throws {
        let server = try receiver(rejecting: ["ada@example.com"])
        let mail = service(SMTPSender(configuration: try SMTPConfiguration(url: server.url, from: "no-reply@stylify.test")))
        mail.start()
        let id = try enqueue(message, on: mail)
        let record = try waitUntilFinished(id, on: mail)
        XCTAssertEqual(record.status, .failed)
        XCTAssertEqual(record.attempts, 1)
        XCTAssertTrue(record.lastError?.contains("550") ?? false, record.lastError ?? "")
    }

    func testAnUnreachableServerLeavesTheMessagePendingForTheNextStart() throws {
        let port = try LoopbackSocket.closedPort()
        let patient = MailConfiguration(retryDelays: [3600], claimLease: 5)
        let mail = service(SMTPSender(configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:\(port)", from: "no-reply@stylify.test")),
                           configuration: patient)
        let id = try enqueue(message, on: mail)
        XCTAssertEqual(try mail.sendDue(), 1)
        let record = try XCTUnwrap(try mail.record(id))
        XCTAssertEqual(record.status, .pending, "kept for the retry an hour later")
        XCTAssertEqual(record.attempts, 1)
        XCTAssertNotNil(record.lastError)
        XCTAssertEqual(try mail.sendDue(), 0, "not due again yet")
    }

    func testMessagesWrittenBeforeAStartAreSentByIt() throws {
        let server = try receiver()
        let mail = service(SMTPSender(configuration: try SMTPConfiguration(url: server.url, from: "no-reply@stylify.test")))
        let ids = try (0..<3).map { index in
            try database.write { try MailOutbox.unattended.enqueue(
                MailMessage(to: "user\(index)@example.com", subject: "Hello \(index)", text: "Hi"), in: $0) }
        }
        mail.start()
        XCTAssertEqual(Set(server.waitForMessages(3).flatMap(\.recipients)), ["user0@example.com", "user1@example.com", "user2@example.com"])
        for id in ids { XCTAssertEqual(try waitUntilFinished(id, on: mail).status, .sent) }
    }

    func testUnusableSettingsAreRefusedWithTheReason() {
        for (url, from) in [("http://mail.example.com", "a@b.c"), ("smtp://", "a@b.c"), ("smtp://user:pw@mail.example.com", "a@b.c"),
                            ("smtp://mail.example.com/path", "a@b.c"), ("smtp://mail.example.com", "nobody"),
                            ("smtp://mail.example.com", "a@b.c\r\nBcc: x@y.z")] {
            XCTAssertThrowsError(try SMTPConfiguration(url: url, from: from), "\(url) \(from)") { error in
                XCTAssertFalse("\(error)".isEmpty)
            }
        }
        XCTAssertEqual(try SMTPConfiguration(url: "SMTPS://mail.example.com:465", from: "a@b.c").url, "smtps://mail.example.com:465")
    }
}
