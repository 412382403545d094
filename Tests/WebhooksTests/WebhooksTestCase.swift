import Foundation
import Storage
import TestSupport
import Webhooks
import XCTest

/// A real database with the whole schema (a SQLite file in a temp dir, or a PostgreSQL database
/// with `STYLIFY_TEST_DATABASE=postgresql`), accounts inserted as the Accounts
/// module would, and a `WebhookService` whose schedule is in milliseconds and which may send to loopback.
class WebhooksTestCase: XCTestCase {
    var directory: URL!
    var testDatabase: TestDatabase!
    var database: (any SQLDatabase)!
    var service: WebhookService!
    var receivers: [WebhookReceiver] = []

    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")
    static let fastSchedule = RetrySchedule(delays: [0.05, 0.1, 0.1], jitter: 0.1)

    static func configuration(schedule: RetrySchedule = fastSchedule) -> WebhookConfiguration {
        WebhookConfiguration(allowsPrivateAddresses: true, retrySchedule: schedule, connectTimeout: 2, totalTimeout: 5)
    }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("webhooks")
        testDatabase = try TestDatabase(in: directory, label: "webhooks")
        database = try openDatabase()
        service = WebhookService(database: database, configuration: Self.configuration())
    }

    override func tearDownWithError() throws {
        service?.stop()
        receivers.forEach { $0.stop() }
        service = nil
        database = nil
        testDatabase?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Another handle on the test's database, as another process has.
    func openDatabase() throws -> any SQLDatabase {
        try testDatabase.open()
    }

    func receiver(failures: Int = 0, failureStatus: Int = 500, failureHeaders: [String] = [], answerBodyBytes: Int = 2,
                  silent: Bool = false) throws -> WebhookReceiver {
        let receiver = try WebhookReceiver(
            failures: failures, failureStatus: failureStatus, failureHeaders: failureHeaders, answerBodyBytes: answerBodyBytes, silent: silent)
        receivers.append(receiver)
        return receiver
    }

    /// A new account row; returns its id.
    func account() throws -> String {
        let id = "acct_" + (try SecureRandom.base62(length: identifierRandomLength))
        try database.write { connection in
            _ = try connection.run("INSERT INTO accounts (id, created_at, updated_at) VALUES (?1, ?2, ?2)", id, Date())
        }
        return id
    }

    func event(_ type: WebhookEventType = .stylizationSucceeded, account: String, subject: String = "sty_AAAAAAAAAAAAAAAAAAAA",
               callbackURL: String? = nil) -> WebhookEvent {
        WebhookEvent(
            type: type, account: account, subject: subject, occurredAt: Date(timeIntervalSince1970: 1_700_000_000),
            data: Array(#"{"id":"\#(subject)","object":"stylization"}"#.utf8), callbackURL: callbackURL)
    }

    /// Waits until `condition` holds or `timeout` passes.
    func eventually(timeout: TimeInterval = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }
}
