import API
import Foundation
import Quotas
import XCTest

final class RateLimitTests: QuotasTestCase {
    func testAuthenticatedResponsesCarryDraft11RateLimitFields() throws {
        let ada = try signUp("ada@example.com")
        let response = try client.get("/v1/me", token: ada.sessionToken)
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.header("RateLimit-Policy"), "\"minute\";q=60;w=60")
        // One token of the free plan's 60 taken; it comes back in one second.
        XCTAssertEqual(response.header("RateLimit"), "\"minute\";r=59;t=1")
        XCTAssertNil(response.header("Retry-After"))

        let second = try client.get("/v1/me", token: ada.sessionToken)
        XCTAssertEqual(try parameters(of: second.header("RateLimit"))["r"], 58)
    }

    func testErrorsAfterAuthenticationCarryTheFieldsButAuthenticationFailuresDoNot() throws {
        let ada = try signUp("ada@example.com")
        let missing = try client.delete("/v1/api-keys/key_doesnotexist", token: ada.sessionToken)
        try assertProblem(missing, status: 404, code: "not_found")
        XCTAssertEqual(missing.header("RateLimit-Policy"), "\"minute\";q=60;w=60")
        XCTAssertNotNil(missing.header("RateLimit"))

        let anonymous = try client.get("/v1/me")
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertNil(anonymous.header("RateLimit"), "no bucket before we know who is calling")
        let forged = try client.get("/v1/me", token: "sk_live_forged")
        XCTAssertEqual(forged.status, 401)
        XCTAssertNil(forged.header("RateLimit-Policy"))
    }

    func testEachAPIKeyHasItsOwnBucket() throws {
        let ada = try signUp("ada@example.com")
        let first = try createKey(ada.sessionToken, name: "one")
        let second = try createKey(ada.sessionToken, name: "two")
        for _ in 0..<3 { _ = try client.get("/v1/me", token: first.secret) }
        XCTAssertEqual(try parameters(of: client.get("/v1/me", token: first.secret).header("RateLimit"))["r"], 56)
        XCTAssertEqual(try parameters(of: client.get("/v1/me", token: second.secret).header("RateLimit"))["r"], 59)
    }

    func testOperatorOverrideFromAnotherProcessAppliesWithinASecondAndAnEmptyBucketAnswers429() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        XCTAssertEqual(try parameters(of: client.get("/v1/me", token: key.secret).header("RateLimit-Policy"))["q"], 60)

        _ = try operatorQuotas().administration.setOverride(.requestsPerMinute, to: 3, forAccount: ada.accountID)
        let took = try eventually(within: 3, "requests_per_minute 3") {
            try parameters(of: client.get("/v1/me", token: key.secret).header("RateLimit-Policy"))["q"] == 3
        }
        XCTAssertLessThan(took, 2, "the server caches limits for at most a second")

        // Whatever the probing left, the bucket holds at most 3: drain it, then the next is refused.
        var refused: HTTPClient.Response?
        for _ in 0..<5 {
            let response = try client.get("/v1/me", token: key.secret)
            if response.status == 429 { refused = response; break }
            XCTAssertEqual(response.status, 200, response.text)
        }
        let response = try XCTUnwrap(refused, "a 3-per-minute bucket must run dry within 4 requests")
        let problem = try assertProblem(response, status: 429, code: "rate_limited")
        XCTAssertEqual(problem["limit"] as? String, "requests_per_minute")
        XCTAssertEqual(problem["allowed"] as? Int, 3)
        // 3 a minute is one token every 20 s.
        let retryAfter = try XCTUnwrap(response.header("Retry-After").flatMap { Int($0) })
        XCTAssertTrue((1...20).contains(retryAfter), "Retry-After \(retryAfter)")
        XCTAssertEqual(problem["retry_after"] as? Int, retryAfter)
        XCTAssertEqual(response.header("RateLimit-Policy"), "\"minute\";q=3;w=60")
        XCTAssertEqual(try parameters(of: response.header("RateLimit"))["r"], 0)

        // Other callers are unaffected: a session has its own bucket of the same size.
        XCTAssertEqual(try client.get("/v1/me", token: ada.sessionToken).status, 200)
    }
}
