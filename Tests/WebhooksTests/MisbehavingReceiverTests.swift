import Foundation
import Webhooks
import XCTest

/// Receivers that misbehave: hang, redirect, or answer with a huge body.
final class MisbehavingReceiverTests: WebhooksTestCase {
    private func onlyDelivery(_ endpoint: String, account: String) throws -> WebhookDelivery? {
        try service.deliveries(of: endpoint, account: account).first
    }

    func testAReceiverThatNeverAnswersIsATimeout() throws {
        let silent = try receiver(silent: true)
        let account = try account()
        let created = try service.create(account: account, url: silent.url, events: nil)
        service = WebhookService(database: database, configuration: WebhookConfiguration(
            allowsPrivateAddresses: true, retrySchedule: RetrySchedule(delays: []), connectTimeout: 1, totalTimeout: 0.3))
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertTrue(try eventually { try onlyDelivery(created.endpoint.id.rawValue, account: account)?.status == .failed })
        let delivery = try XCTUnwrap(try onlyDelivery(created.endpoint.id.rawValue, account: account))
        XCTAssertNil(delivery.lastStatusCode)
        XCTAssertNotNil(delivery.lastError)
        XCTAssertEqual(try service.metrics().attemptsByOutcome[.timeout], 1)
    }

    func testARedirectIsNotFollowedAndCountsAsAFailedAttempt() throws {
        let elsewhere = try receiver()
        let redirecting = try receiver(failures: 1, failureStatus: 307, failureHeaders: ["Location: \(elsewhere.url)"])
        let account = try account()
        let created = try service.create(account: account, url: redirecting.url, events: nil)
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertEqual(redirecting.waitForRequests(2).count, 2, "retried at the registered URL")
        XCTAssertTrue(try eventually { try onlyDelivery(created.endpoint.id.rawValue, account: account)?.status == .delivered })
        XCTAssertEqual(elsewhere.requests.count, 0, "the Location was never followed")
        XCTAssertEqual(try service.metrics().attemptsByOutcome[.httpError], 1)
    }

    func testAHugeAnswerIsCutOffButItsStatusCounts() throws {
        let chatty = try receiver(answerBodyBytes: 4 * 1024 * 1024)
        let account = try account()
        let created = try service.create(account: account, url: chatty.url, events: nil)
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertTrue(try eventually { try onlyDelivery(created.endpoint.id.rawValue, account: account)?.status == .delivered })
        XCTAssertEqual(try onlyDelivery(created.endpoint.id.rawValue, account: account)?.lastStatusCode, 200)
        XCTAssertEqual(chatty.requests.count, 1)
    }

    func testStoppingCutsAHangingAttemptShortAndItIsDueAgainAtOnce() throws {
        let silent = try receiver(silent: true)
        let account = try account()
        let created = try service.create(account: account, url: silent.url, events: nil)
        service = WebhookService(database: database, configuration: WebhookConfiguration(
            allowsPrivateAddresses: true, retrySchedule: RetrySchedule(delays: [60]), connectTimeout: 1, totalTimeout: 30))
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertTrue(try eventually { try onlyDelivery(created.endpoint.id.rawValue, account: account)?.attempts == 1 })
        Thread.sleep(forTimeInterval: 0.2)

        let start = Date()
        service.stop()
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "stop does not wait out the 30 s timeout")
        let delivery = try XCTUnwrap(try onlyDelivery(created.endpoint.id.rawValue, account: account))
        XCTAssertEqual(delivery.status, .pending)
        XCTAssertEqual(delivery.attempts, 0, "the cut-short attempt does not count")
        XCTAssertLessThanOrEqual(try XCTUnwrap(delivery.nextAttemptAt), Date(), "due again at once")
        XCTAssertEqual(try service.metrics().attemptsByOutcome.values.reduce(0, +), 0)
    }
}
