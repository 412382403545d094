import Foundation
import Webhooks
import XCTest

/// The opt-in events (`stylization.started`, `stylization.progress`, `batch.completed`): only
/// endpoints that list them get them, and the events filter can be changed later.
final class OptInEventTests: WebhooksTestCase {
    func testAnEndpointWithoutEventsGetsOnlyTheTerminalOnes() throws {
        let account = try account()
        _ = try service.create(account: account, url: "https://example.com/default", events: nil)
        XCTAssertEqual(try service.enqueue(event(.stylizationStarted, account: account)), 0)
        XCTAssertEqual(try service.enqueue(event(.stylizationSucceeded, account: account)), 1)
    }

    func testOptInEventsReachOnlyEndpointsThatListThemNotTheCallback() throws {
        let account = try account()
        let callback = try service.create(account: account, url: "https://example.com/callback", events: nil)
        let listening = try service.create(
            account: account, url: "https://example.com/progress", events: ["stylization.progress", "stylization.started"])
        XCTAssertEqual(listening.endpoint.events, [.stylizationStarted, .stylizationProgress])
        let progress = event(.stylizationProgress, account: account, callbackURL: callback.endpoint.url)
        XCTAssertEqual(try service.enqueue(progress), 1, "the callback URL does not opt its endpoint in")
        XCTAssertEqual(try service.deliveries(of: callback.endpoint.id.rawValue, account: account).count, 0)
        XCTAssertEqual(try service.deliveries(of: listening.endpoint.id.rawValue, account: account).map(\.eventType), ["stylization.progress"])
    }

    func testProgressEventsOfOneStylizationAreToldApartBySequence() throws {
        let account = try account()
        _ = try service.create(account: account, url: "https://example.com/p", events: ["stylization.progress"])
        func progress(_ frames: Int) -> WebhookEvent {
            WebhookEvent(type: .stylizationProgress, account: account, subject: "sty_AAAAAAAAAAAAAAAAAAAA", occurredAt: Date(),
                         data: Array("{}".utf8), sequence: frames)
        }
        XCTAssertEqual(try service.enqueue(progress(10)), 1)
        XCTAssertEqual(try service.enqueue(progress(20)), 1)
        XCTAssertEqual(try service.enqueue(progress(20)), 0, "the same update again adds nothing")
    }

    func testAStartedEventDoesNotAnnounceTheEnd() throws {
        let account = try account()
        _ = try service.create(account: account, url: "https://example.com/s", events: ["stylization.started", "stylization.succeeded"])
        let subject = "sty_BBBBBBBBBBBBBBBBBBBB"
        try service.enqueue(event(.stylizationStarted, account: account, subject: subject))
        XCTAssertEqual(try service.unannounced([subject]), [subject], "the terminal event is still owed after a crash")
        try service.enqueue(event(.stylizationSucceeded, account: account, subject: subject))
        XCTAssertEqual(try service.unannounced([subject]), [])
    }

    func testUpdatingEventsReplacesThemAndKeepsURLAndSecret() throws {
        let account = try account()
        let created = try service.create(account: account, url: "https://example.com/u", events: nil)
        let updated = try service.update(created.endpoint.id.rawValue, account: account, events: ["stylization.progress", "batch.completed"])
        XCTAssertEqual(updated.events, [.stylizationProgress, .batchCompleted])
        XCTAssertEqual(updated.url, created.endpoint.url)
        XCTAssertEqual(try service.get(created.endpoint.id.rawValue, account: account).events, [.stylizationProgress, .batchCompleted])
        XCTAssertEqual(try service.enqueue(event(.stylizationSucceeded, account: account)), 0, "no longer subscribed")
    }

    func testABadUpdateChangesNothingAndNamesTheKnownEvents() throws {
        let account = try account()
        let created = try service.create(account: account, url: "https://example.com/b", events: nil)
        let id = created.endpoint.id.rawValue
        XCTAssertThrowsError(try service.update(id, account: account, events: ["stylization.progres"])) { error in
            guard case .invalidEvents(let detail) = error as? WebhooksError else { return XCTFail("\(error)") }
            for name in WebhookEventType.allCases.map(\.rawValue) { XCTAssertTrue(detail.contains(name), detail) }
        }
        XCTAssertThrowsError(try service.update(id, account: account, events: [])) {
            guard case .invalidEvents = $0 as? WebhooksError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try service.get(id, account: account).events, WebhookEventType.defaults)
        XCTAssertThrowsError(try service.update(id, account: try self.account(), events: ["batch.completed"])) {
            XCTAssertEqual($0 as? WebhooksError, .notFound(id: id), "another account's endpoint")
        }
    }
}
