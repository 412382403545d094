import Foundation
import Storage
import TestSupport
import Webhooks
import XCTest

/// Endpoints registered at once over several `Database` instances on one file never pass the
/// per-account limit.
final class EndpointConcurrencyTests: WebhooksTestCase {
    func testConcurrentRegistrationsStopExactlyAtTheLimit() throws {
        let account = try account()
        var configuration = Self.configuration()
        configuration.maxEndpointsPerAccount = 4
        let services = try (0..<4).map { _ in WebhookService(database: try openDatabase(), configuration: configuration) }
        let outcomes = Hammer.run(threads: 8, each: 2) { thread, attempt in
            try services[thread % services.count].create(
                account: account, url: "http://127.0.0.1:9/hook-\(thread)-\(attempt)", events: nil)
        }
        XCTAssertEqual(outcomes.compactMap(\.value).count, 4)
        for error in outcomes.compactMap(\.error) {
            XCTAssertEqual(error as? WebhooksError, .limitReached(limit: 4))
        }
        XCTAssertEqual(try service.list(account: account, limit: 100).endpoints.count, 4)
    }
}
