import Foundation
import Storage
import TestSupport
import Webhooks
import XCTest

/// Deliveries over real sockets to a real receiver: signing, retries, idempotency, persistence.
final class DeliveryTests: WebhooksTestCase {
    func testAnEventIsDeliveredSignedWithTheStandardWebhooksHeaders() throws {
        let receiver = try receiver()
        let account = try account()
        let created = try service.create(account: account, url: receiver.url, events: nil)
        service.start()
        XCTAssertEqual(try service.enqueue(event(account: account)), 1)

        let request = try XCTUnwrap(receiver.waitForRequests(1).first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/hooks")
        XCTAssertEqual(request.headers["content-type"], "application/json")
        XCTAssertEqual(request.headers["user-agent"], "Stylify-Webhooks/1")
        let id = try XCTUnwrap(request.headers["webhook-id"])
        XCTAssertTrue(id.hasPrefix("msg_"))
        let timestamp = try XCTUnwrap(request.headers["webhook-timestamp"])
        XCTAssertLessThan(abs(Double(timestamp)! - Date().timeIntervalSince1970), 30)
        let signature = try XCTUnwrap(request.headers["webhook-signature"])
        XCTAssertEqual(signature, try WebhookSigner(secret: created.secret).signature(id: id, timestamp: Int64(timestamp)!, body: request.body))
        XCTAssertTrue(try PythonSignatureCheck.verify(
            secret: created.secret, id: id, timestamp: timestamp, body: request.body, signatureHeader: signature))
        XCTAssertFalse(try PythonSignatureCheck.verify(
            secret: created.secret, id: id, timestamp: timestamp, body: request.body + [0x20], signatureHeader: signature),
            "the independent check can fail")

        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        XCTAssertEqual(body["type"] as? String, "stylization.succeeded")
        XCTAssertEqual(body["timestamp"] as? String, "2023-11-14T22:13:20Z")
        XCTAssertEqual((body["data"] as? [String: Any])?["id"] as? String, "sty_AAAAAAAAAAAAAAAAAAAA")

        XCTAssertTrue(try eventually { try service.metrics().deliveriesByStatus[.delivered] == 1 })
        let deliveries = try service.deliveries(of: created.endpoint.id.rawValue, account: account)
        XCTAssertEqual(deliveries.map(\.id.rawValue), [id])
        XCTAssertEqual(deliveries.first?.attempts, 1)
        XCTAssertEqual(deliveries.first?.lastStatusCode, 200)
        XCTAssertEqual(try service.metrics().attemptsByOutcome[.delivered], 1)
    }

    func testAReceiverThatFailsTwiceGetsTheSameMessageIdOnTheThirdAttempt() throws {
        let receiver = try receiver(failures: 2)
        let account = try account()
        let created = try service.create(account: account, url: receiver.url, events: nil)
        service.start()
        try service.enqueue(event(account: account))

        let requests = receiver.waitForRequests(3)
        XCTAssertEqual(requests.count, 3)
        XCTAssertEqual(Set(requests.compactMap { $0.headers["webhook-id"] }).count, 1, "one message, retried")
        XCTAssertEqual(Set(requests.map(\.body)).count, 1, "the same body every time")
        XCTAssertTrue(try eventually { try service.deliveries(of: created.endpoint.id.rawValue, account: account).first?.status == .delivered })
        let delivery = try XCTUnwrap(try service.deliveries(of: created.endpoint.id.rawValue, account: account).first)
        XCTAssertEqual(delivery.attempts, 3)
        XCTAssertEqual(delivery.lastStatusCode, 200)
        let metrics = try service.metrics()
        XCTAssertEqual(metrics.attemptsByOutcome[.httpError], 2)
        XCTAssertEqual(metrics.attemptsByOutcome[.delivered], 1)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(receiver.requests.count, 3, "nothing after the 2xx")
    }

    func testADeliveryThatNeverSucceedsFailsForGoodAfterTheSchedule() throws {
        let receiver = try receiver(failures: 100)
        let account = try account()
        let created = try service.create(account: account, url: receiver.url, events: nil)
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertTrue(try eventually { try service.deliveries(of: created.endpoint.id.rawValue, account: account).first?.status == .failed })
        let delivery = try XCTUnwrap(try service.deliveries(of: created.endpoint.id.rawValue, account: account).first)
        XCTAssertEqual(delivery.attempts, Self.fastSchedule.maxAttempts)
        XCTAssertEqual(delivery.lastStatusCode, 500)
        XCTAssertEqual(delivery.lastError, "the receiver answered HTTP 500")
        XCTAssertNil(delivery.nextAttemptAt)
        XCTAssertEqual(receiver.requests.count, Self.fastSchedule.maxAttempts)
        XCTAssertEqual(try service.metrics().deliveriesByStatus[.failed], 1)
    }

    func testEnqueueingTheSameEventTwiceDeliversItOnce() throws {
        let receiver = try receiver()
        let account = try account()
        _ = try service.create(account: account, url: receiver.url, events: nil)
        XCTAssertEqual(try service.enqueue(event(account: account)), 1)
        XCTAssertEqual(try service.enqueue(event(account: account)), 0, "the observer fired again")
        XCTAssertEqual(try service.enqueue(event(.stylizationFailed, account: account)), 1, "another event of the same subject")
        service.start()
        XCTAssertEqual(receiver.waitForRequests(2).count, 2)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(receiver.requests.count, 2)
    }

    func testOnlySubscribedEndpointsAndTheCallbackGetAnEventAndTheCallbackOnlyOnce() throws {
        let subscribed = try receiver(), unsubscribed = try receiver(), callback = try receiver()
        let account = try account(), stranger = try self.account()
        _ = try service.create(account: account, url: subscribed.url, events: ["stylization.succeeded"])
        _ = try service.create(account: account, url: unsubscribed.url, events: ["stylization.failed"])
        _ = try service.create(account: account, url: callback.url, events: ["stylization.canceled"])
        let foreign = try receiver()
        _ = try service.create(account: stranger, url: foreign.url, events: nil)
        service.start()
        XCTAssertEqual(try service.enqueue(event(account: account, callbackURL: callback.url)), 2)
        XCTAssertEqual(try service.enqueue(event(account: account, callbackURL: subscribed.url)), 0, "subscribed and callback: never twice")
        XCTAssertEqual(subscribed.waitForRequests(1).count, 1)
        XCTAssertEqual(callback.waitForRequests(1).count, 1)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(subscribed.requests.count, 1)
        XCTAssertEqual(callback.requests.count, 1)
        XCTAssertEqual(unsubscribed.requests.count, 0)
        XCTAssertEqual(foreign.requests.count, 0, "another account's endpoints never hear of it")
    }

    func testAScheduledRetryIsSentByANewServiceAfterARestart() throws {
        let receiver = try receiver(failures: 1)
        let account = try account()
        let created = try service.create(account: account, url: receiver.url, events: nil)
        // A long first retry delay, so the retry is still scheduled when the service stops.
        service = WebhookService(database: database, configuration: Self.configuration(schedule: RetrySchedule(delays: [0.8], jitter: 0)))
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertEqual(receiver.waitForRequests(1).count, 1)
        XCTAssertTrue(try eventually { try service.deliveries(of: created.endpoint.id.rawValue, account: account).first?.lastStatusCode == 500 })
        service.stop()
        service = nil
        database = nil

        database = try openDatabase()
        service = WebhookService(database: database, configuration: Self.configuration())
        let pending = try XCTUnwrap(try service.deliveries(of: created.endpoint.id.rawValue, account: account).first)
        XCTAssertEqual(pending.status, .pending)
        XCTAssertEqual(receiver.requests.count, 1, "not sent again while stopped")
        service.start()
        let requests = receiver.waitForRequests(2)
        XCTAssertEqual(requests.count, 2)
        XCTAssertEqual(requests[0].headers["webhook-id"], requests[1].headers["webhook-id"])
        XCTAssertTrue(try eventually { try service.deliveries(of: created.endpoint.id.rawValue, account: account).first?.status == .delivered })
    }

    func testAnInternalAddressIsRefusedAtDeliveryWhenNotAllowed() throws {
        let receiver = try receiver()
        let account = try account()
        // Registered while the operator allowed it; the server then runs without the exception.
        let created = try service.create(account: account, url: receiver.url.replacingOccurrences(of: "127.0.0.1", with: "localhost"), events: nil)
        service = WebhookService(
            database: database,
            configuration: WebhookConfiguration(allowsPrivateAddresses: false, retrySchedule: RetrySchedule(delays: [], jitter: 0)))
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertTrue(try eventually { try service.deliveries(of: created.endpoint.id.rawValue, account: account).first?.status == .failed })
        let delivery = try XCTUnwrap(try service.deliveries(of: created.endpoint.id.rawValue, account: account).first)
        XCTAssertNil(delivery.lastStatusCode)
        XCTAssertTrue(delivery.lastError?.contains("internal addresses are refused") == true, delivery.lastError ?? "")
        XCTAssertEqual(try service.metrics().attemptsByOutcome[.refusedAddress], 1)
        XCTAssertEqual(receiver.requests.count, 0)
    }

    func testAnUnreachableReceiverIsAConnectionErrorAndRetried() throws {
        let receiver = try receiver()
        let port = receiver.port
        receiver.stop()
        let account = try account()
        let created = try service.create(account: account, url: "http://127.0.0.1:\(port)/gone", events: nil)
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertTrue(try eventually { try service.deliveries(of: created.endpoint.id.rawValue, account: account).first?.status == .failed })
        let delivery = try XCTUnwrap(try service.deliveries(of: created.endpoint.id.rawValue, account: account).first)
        XCTAssertEqual(delivery.attempts, Self.fastSchedule.maxAttempts)
        XCTAssertNotNil(delivery.lastError)
        XCTAssertEqual(try service.metrics().attemptsByOutcome[.connectionError], Self.fastSchedule.maxAttempts)
    }

    func testDeletingAnEndpointDropsItsPendingDeliveries() throws {
        let account = try account()
        let created = try service.create(account: account, url: "http://127.0.0.1:9/never", events: nil)
        try service.enqueue(event(account: account))
        XCTAssertEqual(try service.metrics().deliveriesByStatus[.pending], 1)
        try service.delete(created.endpoint.id.rawValue, account: account)
        XCTAssertEqual(try service.metrics().deliveriesByStatus[.pending], 0)
    }
}
