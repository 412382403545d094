import Foundation
import Mail
import Storage
import TestSupport
import XCTest

/// A real SQLite file in a temp dir with the whole schema, and SMTP receivers on loopback that
/// the test stops.
class MailTestCase: XCTestCase {
    var directory: URL!
    var database: Database!
    var receivers: [SMTPReceiver] = []
    var services: [MailService] = []

    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")
    /// Retries in tens of milliseconds, so a test sees the whole schedule.
    static let fast = MailConfiguration(retryDelays: [0.05, 0.05], claimLease: 5)

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("mail")
        database = try Database(url: directory.appendingPathComponent("stylify.sqlite"), configuration: .init(schemaDirectory: Self.schema))
    }

    override func tearDownWithError() throws {
        services.forEach { $0.stop() }
        receivers.forEach { $0.stop() }
        database = nil
        try? FileManager.default.removeItem(at: directory)
    }

    func receiver(credentials: (user: String, password: String)? = nil, rejecting: Set<String> = [],
                  temporaryFailures: Int = 0) throws -> SMTPReceiver {
        let receiver = try SMTPReceiver(credentials: credentials, rejecting: rejecting, temporaryFailures: temporaryFailures)
        receivers.append(receiver)
        return receiver
    }

    func service(_ sender: any MailSender, configuration: MailConfiguration = fast) -> MailService {
        let service = MailService(database: database, sender: sender, configuration: configuration)
        services.append(service)
        return service
    }

    /// Enqueues `message` in its own transaction, as a domain module would in its own.
    @discardableResult
    func enqueue(_ message: MailMessage, on service: MailService) throws -> String {
        let id = try database.write { try service.outbox.enqueue(message, in: $0) }
        service.outbox.notify()
        return id
    }

    /// Polls until the message is no longer pending (≤ `timeout`).
    func waitUntilFinished(_ id: String, on service: MailService, timeout: TimeInterval = 20) throws -> MailRecord {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let record = try service.record(id), record.status != .pending { return record }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try XCTUnwrap(try service.record(id))
    }
}
