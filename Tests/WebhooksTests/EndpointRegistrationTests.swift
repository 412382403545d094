import Common
import Foundation
import Webhooks
import XCTest

/// Registering, reading, listing and deleting endpoints, and every class of bad input.
final class EndpointRegistrationTests: WebhooksTestCase {
    func testRegisteringReturnsAnIdAndASecretOfAtLeast24RandomBytes() throws {
        let account = try account()
        let created = try service.create(account: account, url: "https://example.com/hooks", events: nil)
        XCTAssertTrue(created.endpoint.id.rawValue.hasPrefix("whk_"))
        XCTAssertEqual(created.endpoint.events, WebhookEventType.defaults, "no opt-in events unless asked for")
        XCTAssertTrue(created.secret.hasPrefix("whsec_"))
        let key = try XCTUnwrap(Data(base64Encoded: String(created.secret.dropFirst(6))))
        XCTAssertGreaterThanOrEqual(key.count, 24)
        let other = try service.create(account: account, url: "https://example.com/hooks", events: nil)
        XCTAssertNotEqual(other.secret, created.secret)

        XCTAssertEqual(try service.get(created.endpoint.id.rawValue, account: account), created.endpoint)
        let page = try service.list(account: account)
        XCTAssertEqual(page.endpoints.map(\.id), [created.endpoint.id, other.endpoint.id])
        XCTAssertFalse(page.hasMore)
        let first = try service.list(account: account, limit: 1)
        XCTAssertTrue(first.hasMore)
        XCTAssertEqual(try service.list(account: account, limit: 1, startingAfter: created.endpoint.id.rawValue).endpoints.map(\.id), [other.endpoint.id])
    }

    func testOnlyTheChosenEventsAreSubscribed() throws {
        let created = try service.create(account: try account(), url: "https://example.com/h", events: ["stylization.failed"])
        XCTAssertEqual(created.endpoint.events, [.stylizationFailed])
    }

    func testAnotherAccountsEndpointIsNotFoundForGetDeleteAndDeliveries() throws {
        let owner = try account(), stranger = try account()
        let id = try service.create(account: owner, url: "https://example.com/h", events: nil).endpoint.id.rawValue
        XCTAssertThrowsError(try service.get(id, account: stranger)) { XCTAssertEqual($0 as? WebhooksError, .notFound(id: id)) }
        XCTAssertThrowsError(try service.delete(id, account: stranger)) { XCTAssertEqual($0 as? WebhooksError, .notFound(id: id)) }
        XCTAssertThrowsError(try service.deliveries(of: id, account: stranger)) { XCTAssertEqual($0 as? WebhooksError, .notFound(id: id)) }
        XCTAssertThrowsError(try service.get("whk_nope", account: owner)) { XCTAssertEqual($0 as? WebhooksError, .notFound(id: "whk_nope")) }
        XCTAssertNoThrow(try service.get(id, account: owner))
        try service.delete(id, account: owner)
        XCTAssertThrowsError(try service.get(id, account: owner))
    }

    func testMalformedURLsAreRefusedNamingWhatIsWrong() throws {
        let account = try account()
        let bad = [
            "", "/relative/path", "example.com/hooks", "ftp://example.com/hooks", "javascript:alert(1)",
            "https://user:pass@example.com/hooks", "https://user@example.com/hooks", "https:///no-host",
            "https://example.com/has space", "https://example.com/\u{7F}", "https://exämple.com/",
            "https://example.com/" + String(repeating: "a", count: 2048), "https://example.com:99999/",
        ]
        for url in bad {
            XCTAssertThrowsError(try service.create(account: account, url: url, events: nil), url) { error in
                guard case .invalidURL = error as? WebhooksError else { return XCTFail("\(url): \(error)") }
                XCTAssertEqual((error as? WebhooksError)?.param, "url")
                XCTAssertEqual((error as? WebhooksError)?.category, .invalid)
            }
        }
        XCTAssertEqual(try service.list(account: account).endpoints.count, 0, "nothing was stored")
    }

    func testPrivateAndLoopbackAddressesAreRefusedUnlessAllowed() throws {
        let strict = WebhookService(database: database, configuration: WebhookConfiguration())
        let account = try account()
        for url in ["http://10.0.0.1/hooks", "http://127.0.0.1:8080/hooks", "http://[::1]/hooks", "http://localhost/hooks",
                    "http://169.254.169.254/latest/meta-data", "http://[::ffff:10.1.2.3]/", "http://192.168.1.1/", "http://100.64.0.1/",
                    "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://[fe80::1]/"] {
            XCTAssertThrowsError(try strict.create(account: account, url: url, events: nil), url) { error in
                guard case .addressNotAllowed = error as? WebhooksError else { return XCTFail("\(url): \(error)") }
                XCTAssertEqual((error as? WebhooksError)?.code, "address_not_allowed")
            }
        }
        XCTAssertNoThrow(try strict.create(account: account, url: "https://93.184.216.34/hooks", events: nil))
        XCTAssertNoThrow(try service.create(account: account, url: "http://127.0.0.1:8080/hooks", events: nil), "allowed by the operator")
    }

    func testUnknownOrNoEventsAreRefused() throws {
        let account = try account()
        XCTAssertThrowsError(try service.create(account: account, url: "https://example.com/h", events: ["stylization.exploded"])) {
            guard case .invalidEvents = $0 as? WebhooksError else { return XCTFail("\($0)") }
            XCTAssertEqual(($0 as? WebhooksError)?.param, "events")
        }
        XCTAssertThrowsError(try service.create(account: account, url: "https://example.com/h", events: [])) {
            guard case .invalidEvents = $0 as? WebhooksError else { return XCTFail("\($0)") }
        }
    }

    func testAnAccountCannotRegisterMoreThanTheCap() throws {
        let capped = WebhookService(
            database: database, configuration: WebhookConfiguration(allowsPrivateAddresses: true, maxEndpointsPerAccount: 2))
        let account = try account()
        _ = try capped.create(account: account, url: "https://example.com/1", events: nil)
        _ = try capped.create(account: account, url: "https://example.com/2", events: nil)
        XCTAssertThrowsError(try capped.create(account: account, url: "https://example.com/3", events: nil)) {
            XCTAssertEqual($0 as? WebhooksError, .limitReached(limit: 2))
            XCTAssertEqual(($0 as? WebhooksError)?.code, "webhook_limit_reached")
        }
        XCTAssertNoThrow(try capped.create(account: try self.account(), url: "https://example.com/3", events: nil), "the cap is per account")
    }

    func testACallbackURLMustBeOneOfTheAccountsEndpoints() throws {
        let owner = try account(), stranger = try account()
        _ = try service.create(account: owner, url: "https://example.com/hooks", events: nil)
        XCTAssertNoThrow(try service.requireRegistered(url: "https://example.com/hooks", account: owner))
        XCTAssertThrowsError(try service.requireRegistered(url: "https://example.com/hooks", account: stranger)) {
            XCTAssertEqual(($0 as? WebhooksError)?.code, "webhook_not_registered")
            XCTAssertEqual(($0 as? WebhooksError)?.param, "webhook_url")
        }
        XCTAssertThrowsError(try service.requireRegistered(url: "https://example.com/other", account: owner))
    }

    func testABadPageSizeOrCursorIsRefused() throws {
        let account = try account()
        XCTAssertThrowsError(try service.list(account: account, limit: 0)) { XCTAssertEqual($0 as? WebhooksError, .invalidLimit(0)) }
        XCTAssertThrowsError(try service.list(account: account, limit: 101))
        XCTAssertThrowsError(try service.list(account: account, startingAfter: "whk_AAAAAAAAAAAAAAAAAAAA")) {
            XCTAssertEqual(($0 as? WebhooksError)?.param, "starting_after")
        }
    }
}
