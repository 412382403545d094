import Common
import Foundation
import Quotas
import TestSupport
import XCTest

/// The per-key token bucket and its RateLimit header values.
final class RateLimiterTests: XCTestCase {
    func testBucketCountsDownAndReportsSecondsUntilFull() {
        let clock = ManualClock()
        let limiter = RateLimiter(clock: clock)
        var decision = limiter.consume(key: "key_a", limitPerMinute: 60)
        XCTAssertEqual(decision, RateLimitDecision(allowed: true, limit: 60, remaining: 59, resetSeconds: 1, retryAfter: nil))
        decision = limiter.consume(key: "key_a", limitPerMinute: 60)
        decision = limiter.consume(key: "key_a", limitPerMinute: 60)
        XCTAssertEqual(decision.remaining, 57)
        XCTAssertEqual(decision.resetSeconds, 3)
        XCTAssertEqual(decision.policyHeader, #""minute";q=60;w=60"#)
        XCTAssertEqual(decision.rateLimitHeader, #""minute";r=57;t=3"#)
        XCTAssertEqual(decision.headers.map(\.name), ["RateLimit-Policy", "RateLimit"])
        XCTAssertNoThrow(try decision.check())
    }

    func testEmptyBucketRefusesWithRetryAfterUntilATokenArrives() {
        let clock = ManualClock()
        let limiter = RateLimiter(clock: clock)
        for _ in 0..<60 { XCTAssertTrue(limiter.consume(key: "key_a", limitPerMinute: 60).allowed) }
        let refused = limiter.consume(key: "key_a", limitPerMinute: 60)
        XCTAssertEqual(refused, RateLimitDecision(allowed: false, limit: 60, remaining: 0, resetSeconds: 60, retryAfter: 1))
        XCTAssertEqual(refused.headers.last?.name, "Retry-After")
        XCTAssertEqual(refused.headers.last?.value, "1")
        XCTAssertThrowsQuotaError(try refused.check(), .rateLimited(limit: 60, retryAfter: 1))
        XCTAssertEqual(QuotaError.rateLimited(limit: 60, retryAfter: 1).category, .rateLimited)
        // Other keys have their own buckets.
        XCTAssertTrue(limiter.consume(key: "key_b", limitPerMinute: 60).allowed)
        clock.advance(1)
        XCTAssertTrue(limiter.consume(key: "key_a", limitPerMinute: 60).allowed)
        XCTAssertFalse(limiter.consume(key: "key_a", limitPerMinute: 60).allowed)
        clock.advance(30)
        let refilled = limiter.consume(key: "key_a", limitPerMinute: 60)
        XCTAssertEqual(refilled.remaining, 29)
        XCTAssertEqual(refilled.resetSeconds, 31)
    }

    func testSlowPlansWaitLongerForTheNextToken() {
        let clock = ManualClock()
        let limiter = RateLimiter(clock: clock)
        for _ in 0..<6 { XCTAssertTrue(limiter.consume(key: "k", limitPerMinute: 6).allowed) }
        let refused = limiter.consume(key: "k", limitPerMinute: 6)
        XCTAssertEqual(refused.retryAfter, 10)
        XCTAssertEqual(refused.resetSeconds, 60)
        let none = limiter.consume(key: "blocked", limitPerMinute: 0)
        XCTAssertFalse(none.allowed)
        XCTAssertEqual(none.retryAfter, 60)
    }

    func testAPlanUpgradeResizesTheBucketAtOnce() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(clock: clock)
        for _ in 0..<60 { _ = limiter.consume(key: "k", limitPerMinute: 60) }
        XCTAssertFalse(limiter.consume(key: "k", limitPerMinute: 60).allowed)
        let upgraded = limiter.consume(key: "k", limitPerMinute: 600)
        XCTAssertTrue(upgraded.allowed)
        XCTAssertEqual(upgraded.remaining, 539)
        XCTAssertEqual(upgraded.policyHeader, #""minute";q=600;w=60"#)
        // A downgrade never leaves more tokens than the new capacity.
        XCTAssertEqual(limiter.consume(key: "k", limitPerMinute: 10).remaining, 9)
    }

    func testIdleBucketsArePrunedWithoutChangingDecisions() {
        let clock = ManualClock()
        let limiter = RateLimiter(clock: clock, pruneThreshold: 10)
        for index in 0..<10 { _ = limiter.consume(key: "k\(index)", limitPerMinute: 60) }
        XCTAssertEqual(limiter.bucketCount, 10)
        clock.advance(2)
        XCTAssertEqual(limiter.consume(key: "new", limitPerMinute: 60).remaining, 59)
        XCTAssertEqual(limiter.bucketCount, 1)
        XCTAssertEqual(limiter.consume(key: "k0", limitPerMinute: 60).remaining, 59)
    }
}

/// Rate limiting with the account's plan, through the service.
final class RateLimiterPlanTests: QuotasTestCase {
    func testTheBucketIsSizedByTheAccountsPlanAndOverride() throws {
        let account = try makeAccount()
        let limiter = RateLimiter(clock: clock)
        XCTAssertEqual(try limiter.consume(key: "key_1", account: account, quotas: quotas).limit, 60)
        try quotas.administration.setOverride(.requestsPerMinute, to: 2, forAccount: account)
        XCTAssertEqual(try limiter.consume(key: "key_2", account: account, quotas: quotas).remaining, 1)
        XCTAssertEqual(try limiter.consume(key: "key_2", account: account, quotas: quotas).remaining, 0)
        XCTAssertEqual(try limiter.consume(key: "key_2", account: account, quotas: quotas).retryAfter, 30)
    }
}
