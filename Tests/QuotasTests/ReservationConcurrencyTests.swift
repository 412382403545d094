import Foundation
import Quotas
import Storage
import TestSupport
import XCTest

/// Frame reservations raced from many threads over several `Database` instances on one file (as
/// several server processes would): the allowances hold exactly, never one frame or job more.
final class ReservationConcurrencyTests: QuotasTestCase {
    /// Four processes' worth of connections, each with its own quota service.
    private func services(_ count: Int = 4) throws -> [QuotaService] {
        try (0..<count).map { _ in try QuotaService(database: try openDatabase(), clock: clock) }
    }

    func testConcurrentReservationsAdmitExactlyTheFramesThatRemain() throws {
        let account = try makeAccount()
        _ = try quotas.administration.setOverride(.monthlyFrames, to: 10, forAccount: account)
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 1000, forAccount: account)
        let services = try services()
        let outcomes = Hammer.run(threads: 8, each: 4) { thread, _ in
            try services[thread % services.count].reserveFrames(account: account, count: 1, lease: 60)
        }
        XCTAssertEqual(outcomes.compactMap(\.value).count, 10, "exactly the remaining frames are admitted")
        for error in outcomes.compactMap(\.error) {
            guard case QuotaError.quotaExceeded(.monthlyFrames, _, _, _, _, _) = error else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 10)
    }

    func testConcurrentReservationsAdmitExactlyTheConcurrentJobsAllowed() throws {
        let account = try makeAccount()
        _ = try quotas.administration.setOverride(.monthlyFrames, to: 1_000_000, forAccount: account)
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 3, forAccount: account)
        let services = try services()
        let outcomes = Hammer.run(threads: 8, each: 3) { thread, _ in
            try services[thread % services.count].reserveFrames(account: account, count: 5, lease: 60)
        }
        XCTAssertEqual(outcomes.compactMap(\.value).count, 3, "exactly concurrent_jobs reservations are held")
        for error in outcomes.compactMap(\.error) {
            guard case QuotaError.concurrencyLimit(allowed: 3, running: 3, _, _) = error else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 15)
    }

    func testAnotherAccountIsNotHeldUpByTheRace() throws {
        let crowded = try makeAccount()
        let other = try makeAccount()
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 1, forAccount: crowded)
        let services = try services(2)
        let outcomes = Hammer.run(threads: 4, each: 3) { thread, _ in
            try services[thread % 2].reserveFrames(account: thread == 0 ? other : crowded, count: 1, lease: 60)
        }
        XCTAssertEqual(outcomes.compactMap(\.value).filter { $0.account == crowded }.count, 1)
        XCTAssertEqual(outcomes.compactMap(\.value).filter { $0.account == other }.count, 1,
                       "the other account's own limit (1 concurrent job on free) applies, independently")
    }
}
