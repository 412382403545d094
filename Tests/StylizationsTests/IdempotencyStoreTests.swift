import Common
import Foundation
import HTTPServer
import Storage
import Stylizations
import TestSupport
import XCTest

/// The idempotency key table on a real SQLite file: claim, in-flight, replay, reuse, expiry.
final class IdempotencyStoreTests: StylizationsTestCase {
    func testAKeyIsInUseUntilFinishedThenReplayedAndForgottenAfterItsLifetime() throws {
        let account = try makeAccount()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let store = IdempotencyStore(database: database, lifetime: 3600, clock: clock)
        let hash = IdempotencyStore.requestHash(method: "POST", path: "/v1/stylizations", body: Array("{}".utf8))

        XCTAssertEqual(try store.begin(account: account, key: "k1", requestHash: hash), .proceed)
        XCTAssertThrowsError(try store.begin(account: account, key: "k1", requestHash: hash)) { error in
            XCTAssertEqual(error as? StylizationError, .idempotencyKeyInUse)
            XCTAssertEqual((error as? StylizationError)?.category, .conflict)
            XCTAssertEqual((error as? StylizationError)?.code, "idempotency_key_in_use")
            XCTAssertEqual((error as? StylizationError)?.retryAfter, 1)
        }
        try store.finish(account: account, key: "k1", status: 201, body: Array("{\"id\":1}".utf8), location: "/v1/stylizations/x")
        XCTAssertEqual(
            try store.begin(account: account, key: "k1", requestHash: hash),
            .replay(status: 201, body: Array("{\"id\":1}".utf8), location: "/v1/stylizations/x"))

        let other = try makeAccount()
        XCTAssertEqual(try store.begin(account: other, key: "k1", requestHash: hash), .proceed, "keys are per account")

        XCTAssertEqual(try store.begin(account: account, key: "k2", requestHash: hash), .proceed)
        clock.advance(3601)
        XCTAssertEqual(try store.begin(account: account, key: "k1", requestHash: "another"), .proceed, "expired keys are forgotten")
        let keys = try database.read { try $0.query("SELECT key FROM idempotency_keys WHERE account_id = ?1", account) }
        XCTAssertEqual(try keys.map { try $0.string("key") }, ["k1"], "the account's other expired key is deleted too")
    }

    func testExpiredKeysOfAccountsThatNeverSendAnotherAreSweptInBatches() throws {
        let quiet = try makeAccount()
        let busy = try makeAccount()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let store = IdempotencyStore(database: database, lifetime: 3600, clock: clock)
        for index in 0..<5 { XCTAssertEqual(try store.begin(account: quiet, key: "old-\(index)", requestHash: "h"), .proceed) }
        clock.advance(1800)
        XCTAssertEqual(try store.begin(account: busy, key: "recent", requestHash: "h"), .proceed)
        clock.advance(1801)
        XCTAssertEqual(try store.forgetExpired(batch: 2), 5, "three batches of at most two")
        let left = try database.readTransaction { try $0.query("SELECT key FROM idempotency_keys").map { try $0.string("key") } }
        XCTAssertEqual(left, ["recent"], "a key within its lifetime stays")
        XCTAssertEqual(try store.forgetExpired(), 0)
    }

    func testAKeyReusedWithAnotherRequestIsRefused() throws {
        let account = try makeAccount()
        let store = IdempotencyStore(database: database)
        XCTAssertEqual(try store.begin(account: account, key: "k", requestHash: "first"), .proceed)
        try store.finish(account: account, key: "k", status: 201, body: [], location: nil)
        XCTAssertThrowsError(try store.begin(account: account, key: "k", requestHash: "second")) { error in
            XCTAssertEqual(error as? StylizationError, .idempotencyKeyReused)
            XCTAssertEqual((error as? StylizationError)?.category, .invalid)
            XCTAssertEqual((error as? StylizationError)?.param, "Idempotency-Key")
        }
    }

    func testAbandonedKeysRunAgainAndMalformedKeysAreRefused() throws {
        let account = try makeAccount()
        let store = IdempotencyStore(database: database)
        XCTAssertEqual(try store.begin(account: account, key: "retry-me", requestHash: "h"), .proceed)
        try store.abandon(account: account, key: "retry-me")
        XCTAssertEqual(try store.begin(account: account, key: "retry-me", requestHash: "h"), .proceed)
        for bad in ["", String(repeating: "x", count: 256), "tab\there", "é"] {
            XCTAssertThrowsError(try store.begin(account: account, key: bad, requestHash: "h")) { error in
                XCTAssertEqual((error as? StylizationError)?.code, "invalid_idempotency_key")
                XCTAssertEqual((error as? StylizationError)?.category, .malformed)
            }
        }
    }
}
