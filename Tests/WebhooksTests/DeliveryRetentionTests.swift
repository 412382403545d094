import Foundation
import Webhooks
import XCTest

/// Finished deliveries do not pile up for ever: they are kept for `deliveryRetention`, then the
/// dispatcher removes them; pending ones are never removed.
final class DeliveryRetentionTests: WebhooksTestCase {
    func testPurgeRemovesFinishedDeliveriesButKeepsPendingOnes() throws {
        let delivered = try receiver()
        let account = try account()
        let good = try service.create(account: account, url: delivered.url, events: nil)
        service.start()
        try service.enqueue(event(account: account, subject: "sty_AAAAAAAAAAAAAAAAAAA1"))
        XCTAssertTrue(try eventually { try service.metrics().deliveriesByStatus[.delivered] == 1 })
        service.stop()

        // A second endpoint whose delivery stays pending (the dispatchers are stopped).
        let waiting = try service.create(account: account, url: try receiver().url, events: nil)
        try service.enqueue(event(account: account, subject: "sty_AAAAAAAAAAAAAAAAAAA2"))
        XCTAssertEqual(try service.metrics().deliveriesByStatus[.pending], 2, "one per endpoint for the second event")

        XCTAssertEqual(try service.purge(finishedBefore: Date().addingTimeInterval(-60)), 0, "nothing is old enough yet")
        XCTAssertEqual(try service.purge(finishedBefore: Date().addingTimeInterval(1)), 1)
        XCTAssertEqual(try service.deliveries(of: good.endpoint.id.rawValue, account: account).count, 1, "its pending one stays")
        XCTAssertEqual(try service.deliveries(of: waiting.endpoint.id.rawValue, account: account).count, 1)
        XCTAssertEqual(try service.metrics().deliveriesByStatus, [.pending: 2, .delivered: 0, .failed: 0])
        // The second event is still pending, so its record stays and enqueueing it again adds nothing.
        XCTAssertEqual(try service.enqueue(event(account: account, subject: "sty_AAAAAAAAAAAAAAAAAAA2")), 0)
    }

    func testTheDispatcherRemovesDeliveriesOnceTheirRetentionPassed() throws {
        var configuration = Self.configuration()
        configuration.deliveryRetention = 0.2
        service = WebhookService(database: database, configuration: configuration)
        let receiver = try receiver()
        let account = try account()
        let created = try service.create(account: account, url: receiver.url, events: nil)
        service.start()
        try service.enqueue(event(account: account))
        XCTAssertEqual(receiver.waitForRequests(1).count, 1)
        XCTAssertTrue(try eventually { try service.deliveries(of: created.endpoint.id.rawValue, account: account).isEmpty },
                      "the idle dispatcher purged the delivered message")
        XCTAssertEqual(try service.metrics().deliveriesByStatus[.delivered], 0)
    }
}
