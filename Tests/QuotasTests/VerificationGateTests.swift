import Accounts
import Foundation
import Quotas
import Storage
import TestSupport
import XCTest

/// The free plan's verification gate: an unverified account renders at most the allowance in
/// all (every month and held frames together), refused with `email_unverified` before anything
/// is reserved; verifying, another plan, or no gate lifts it.
final class VerificationGateTests: QuotasTestCase {
    private func gated(_ allowance: Int64) throws -> QuotaService {
        try QuotaService(database: database, clock: clock, unverifiedFrames: allowance)
    }

    private func verify(_ account: String) throws {
        try database.write { try $0.run("UPDATE users SET email_verified_at = 1 WHERE account_id = ?", account) }
    }

    func testAnUnverifiedFreeAccountRendersOnlyTheAllowanceInAll() throws {
        let service = try gated(5)
        let account = try makeAccount()
        try use(3, by: account, service: service)
        clock.advance(40 * 86_400)   // another month: the gate counts all time
        let held = try service.reserveFrames(account: account, count: 1, lease: 60)
        XCTAssertThrowsQuotaError(try service.reserveFrames(account: account, count: 2, lease: 60),
                                  .emailUnverified(allowed: 5, used: 4, requested: 2))
        try service.release(held)
        XCTAssertNoThrow(try service.commit(try service.reserveFrames(account: account, count: 2, lease: 60)))
        XCTAssertThrowsQuotaError(try service.reserveFrames(account: account, count: 1, lease: 60),
                                  .emailUnverified(allowed: 5, used: 5, requested: 1))

        let problem = QuotaError.emailUnverified(allowed: 5, used: 5, requested: 1)
        XCTAssertEqual(problem.code, "email_unverified")
        XCTAssertEqual(problem.category, .forbidden)
        XCTAssertEqual(problem.members["limit"], .string("unverified_frames"))
    }

    func testVerifyingAnotherPlanOrNoGateLiftsIt() throws {
        let service = try gated(0)
        let account = try makeAccount()
        XCTAssertThrowsQuotaError(try service.reserveFrames(account: account, count: 1, lease: 60),
                                  .emailUnverified(allowed: 0, used: 0, requested: 1))
        XCTAssertNoThrow(try use(1, by: account, service: quotas), "no gate configured")

        let premium = try makeAccount()
        _ = try service.administration.setPlan("premium", forAccount: premium)
        XCTAssertNoThrow(try use(1, by: premium, service: service))

        try verify(account)
        XCTAssertNoThrow(try use(1, by: account, service: service))
    }
}
