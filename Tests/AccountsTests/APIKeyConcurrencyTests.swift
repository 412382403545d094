import Accounts
import Foundation
import Storage
import TestSupport
import XCTest

/// API keys created at once over several `Database` instances on one file (several processes'
/// worth of connections) never pass the per-account limit.
final class APIKeyConcurrencyTests: AccountsTestCase {
    func testConcurrentCreationsStopExactlyAtTheLimit() throws {
        let owner = try signUp()
        let limit = 5
        let services = try (0..<4).map { _ in
            makeServices(database: try openDatabase()) { $0.maximumActiveAPIKeys = limit }
        }
        let outcomes = Hammer.run(threads: 8, each: 3) { thread, attempt in
            try services[thread % services.count].apiKeys.create(in: owner.account.id, name: "key \(thread)-\(attempt)")
        }
        XCTAssertEqual(outcomes.compactMap(\.value).count, limit)
        for error in outcomes.compactMap(\.error) {
            XCTAssertEqual(error as? AccountsError, .apiKeyLimitReached(limit: limit))
        }
        XCTAssertEqual(try services[0].apiKeys.list(in: owner.account.id, limit: 100).items.count, limit)
        XCTAssertEqual(try count("api_keys"), limit)
    }
}
