import Common
import Foundation
import Quotas
import Storage
import XCTest

/// Frames reserved at admission, committed on success, released on failure, cancel or expiry.
final class ReservationTests: QuotasTestCase {
    func testFiftyConcurrentReservationsAgainstTenRemainingFramesAdmitExactlyTen() throws {
        let account = try makeAccount()
        try quotas.administration.setOverride(.concurrentJobs, to: 100, forAccount: account)
        try use(490, by: account)
        // Two Database objects on one file: two writer connections contend on SQLite's lock, as
        // the server and a second process would, besides the threads sharing each one.
        let otherDatabase = try openDatabase()
        let services = [quotas!, try QuotaService(database: otherDatabase, clock: clock)]
        let admitted = ConcurrentResults<FrameReservation>()
        let refused = ConcurrentResults<QuotaError>()
        // 50 real threads released together (concurrentPerform would only run one per core).
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for index in 0..<50 {
            done.enter()
            Thread.detachNewThread {
                gate.wait()
                do {
                    admitted.append(try services[index % 2].reserveFrames(account: account, count: 1, lease: 60))
                } catch let error as QuotaError {
                    refused.append(error)
                } catch {
                    XCTFail("unexpected \(error)")
                }
                done.leave()
            }
        }
        for _ in 0..<50 { gate.signal() }
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(admitted.values.count, 10)
        XCTAssertEqual(Set(admitted.values.map(\.id)).count, 10)
        XCTAssertEqual(refused.values.count, 40)
        for error in refused.values {
            guard case .quotaExceeded(.monthlyFrames, let used, 500, 1, "free", "premium") = error else {
                return XCTFail("unexpected refusal \(error)")
            }
            XCTAssertEqual(used, 500)
        }
        let usage = try quotas.usage(account: account)
        XCTAssertEqual(usage.frames, 490)
        XCTAssertEqual(usage.reservedFrames, 10)
        XCTAssertEqual(usage.remainingFrames, 0)
    }

    func testMonthlyFramesExhaustedIs402WithUsedAllowedAndRequested() throws {
        let account = try makeAccount()
        try use(450, by: account)
        let held = try quotas.reserveFrames(account: account, count: 40, lease: 60)
        let expected = QuotaError.quotaExceeded(limit: .monthlyFrames, used: 490, allowed: 500, requested: 11, plan: "free", upgradeTo: "premium")
        XCTAssertThrowsQuotaError(try quotas.reserveFrames(account: account, count: 11, lease: 60), expected)
        XCTAssertEqual(expected.category, .quotaExceeded)
        XCTAssertEqual(expected.code, "quota_exceeded")
        try quotas.release(held)
        XCTAssertEqual(try quotas.reserveFrames(account: account, count: 11, lease: 60).frames, 11)
    }

    func testReleasedReservationGivesItsFramesBack() throws {
        let account = try makeAccount()
        let reservation = try quotas.reserveFrames(account: account, count: 120, lease: 60)
        XCTAssertEqual(try quotas.usage(account: account).remainingFrames, 380)
        XCTAssertTrue(try quotas.release(reservation))
        XCTAssertFalse(try quotas.release(reservation), "a second release gives nothing back twice")
        let usage = try quotas.usage(account: account)
        XCTAssertEqual(usage.frames, 0)
        XCTAssertEqual(usage.reservedFrames, 0)
        XCTAssertEqual(usage.remainingFrames, 500)
        XCTAssertThrowsQuotaError(try quotas.renew(reservation, lease: 60), .reservationNotFound(reservation.id))
    }

    func testCommittedFramesShowInUsageAndCommitIsIdempotent() throws {
        let account = try makeAccount()
        let reservation = try quotas.reserveFrames(account: account, count: 7, lease: 60)
        try quotas.commit(reservation)
        try quotas.commit(reservation)
        let usage = try quotas.usage(account: account)
        XCTAssertEqual(usage.frames, 7)
        XCTAssertEqual(usage.reservedFrames, 0)
        XCTAssertEqual(usage.remainingFrames, 493)
        XCTAssertFalse(try quotas.release(reservation), "committed frames are not given back")
        XCTAssertEqual(try quotas.usage(account: account).frames, 7)
        XCTAssertThrowsQuotaError(
            try quotas.commit(FrameReservation(id: "rsv_unknown", account: account, period: usage.period, frames: 1, expiresAt: Date())),
            .reservationNotFound("rsv_unknown"))
    }

    func testAReservationWhoseLeasePassedStopsCountingAndANewServiceReleasesIt() throws {
        let account = try makeAccount()
        try quotas.administration.setOverride(.monthlyFrames, to: 10, forAccount: account)
        let crashed = try quotas.reserveFrames(account: account, count: 10, lease: 30)
        XCTAssertThrowsQuotaError(
            try quotas.reserveFrames(account: account, count: 1, lease: 30),
            .quotaExceeded(limit: .monthlyFrames, used: 10, allowed: 10, requested: 1, plan: "free", upgradeTo: "premium"))

        // The worker dies; nobody heartbeats. After the lease the frames are free again, even
        // before anything sweeps, and a server starting up marks them released.
        clock.advance(31)
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 0)
        let restarted = try QuotaService(database: try openDatabase(), clock: clock)
        XCTAssertEqual(try restarted.releaseExpiredReservations(), 0, "start-up already released it")
        XCTAssertThrowsQuotaError(try restarted.renew(crashed, lease: 30), .reservationNotFound(crashed.id))
        XCTAssertFalse(try restarted.release(crashed))
        XCTAssertEqual(try restarted.reserveFrames(account: account, count: 10, lease: 30).frames, 10)
    }

    func testHeartbeatRenewalKeepsAReservationAlive() throws {
        let account = try makeAccount()
        try quotas.administration.setOverride(.monthlyFrames, to: 5, forAccount: account)
        var reservation = try quotas.reserveFrames(account: account, count: 5, lease: 10)
        for _ in 0..<6 {
            clock.advance(8)
            reservation = try quotas.renew(reservation, lease: 10)
        }
        XCTAssertEqual(try quotas.releaseExpiredReservations(), 0)
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 5)
        clock.advance(11)
        XCTAssertEqual(try quotas.releaseExpiredReservations(), 1)
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 0)
        // The work finished after all: its frames were produced, so they are metered.
        try quotas.commit(reservation)
        XCTAssertEqual(try quotas.usage(account: account).frames, 5)
    }

    func testConcurrentJobsAreLimitedByHeldReservations() throws {
        let account = try makeAccount()
        let first = try quotas.reserveFrames(account: account, count: 1, lease: 60)
        let expected = QuotaError.concurrencyLimit(allowed: 1, running: 1, plan: "free", upgradeTo: "premium")
        XCTAssertThrowsQuotaError(try quotas.reserveFrames(account: account, count: 1, lease: 60), expected)
        XCTAssertEqual(expected.category, .rateLimited)
        try quotas.commit(first)
        XCTAssertNoThrow(try quotas.reserveFrames(account: account, count: 1, lease: 60))
    }

    func testFramesOfAnAdmittedJobAreReservedWithoutAFreeSlotButNotPastTheMonth() throws {
        let account = try makeAccount()
        _ = try quotas.reserveFrames(account: account, count: 1, lease: 60)
        // A batch's further items, or a queued job whose reservation lapsed: admitted already.
        let item = try database.writeTransaction {
            try self.quotas.reserveFrames(account: account, count: 2, lease: 60, checkingConcurrency: false, in: $0)
        }
        XCTAssertEqual(item.frames, 2)
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 3)
        // The slot is still taken for a new admission, and the month's frames still bound both.
        XCTAssertThrowsQuotaError(try quotas.reserveFrames(account: account, count: 1, lease: 60),
                                  QuotaError.concurrencyLimit(allowed: 1, running: 2, plan: "free", upgradeTo: "premium"))
        XCTAssertThrowsError(try database.writeTransaction {
            try self.quotas.reserveFrames(account: account, count: 498, lease: 60, checkingConcurrency: false, in: $0)
        }) { error in
            guard case QuotaError.quotaExceeded(limit: .monthlyFrames, used: 3, allowed: 500, requested: 498, _, _) = error else {
                return XCTFail("\(error)")
            }
        }
    }

    func testUsageIsCountedPerUTCCalendarMonth() throws {
        clock.set(utc("2026-11-30T23:59:00Z"))
        let account = try makeAccount()
        try use(300, by: account)
        // Admitted in November, finished in December: the frames count in November.
        let late = try quotas.reserveFrames(account: account, count: 200, lease: 600)
        clock.set(utc("2026-12-01T00:01:00Z"))
        try quotas.commit(late)
        let november = try UsagePeriod("2026-11")
        XCTAssertEqual(try quotas.usage(account: account, period: november).frames, 500)
        let december = try quotas.usage(account: account)
        XCTAssertEqual(december.period.description, "2026-12")
        XCTAssertEqual(december.frames, 0)
        XCTAssertEqual(december.remainingFrames, 500)
        XCTAssertEqual(try quotas.reserveFrames(account: account, count: 120, lease: 60).period.description, "2026-12")

        XCTAssertEqual(november.start, utc("2026-11-01T00:00:00Z"))
        XCTAssertEqual(november.end, utc("2026-12-01T00:00:00Z"))
        XCTAssertEqual(UsagePeriod(containing: utc("2026-12-31T23:59:59Z")).description, "2026-12")
        XCTAssertEqual(UsagePeriod(containing: utc("2027-01-01T00:00:00Z")).description, "2027-01")
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", "", "2026-00", "abcd-ef"] {
            XCTAssertThrowsQuotaError(try UsagePeriod(bad), .invalidPeriod(bad))
        }
    }

    func testReservationInTheCallersTransactionRollsBackWithIt() throws {
        struct JobCreationFailed: Error {}
        let account = try makeAccount()
        XCTAssertThrowsError(try database.write { connection in
            _ = try quotas.reserveFrames(account: account, count: 100, lease: 60, in: connection)
            throw JobCreationFailed()
        })
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 0)
        let reservation = try database.write { try quotas.reserveFrames(account: account, count: 100, lease: 60, in: $0) }
        try database.write { try quotas.commit(reservation, in: $0) }
        XCTAssertEqual(try quotas.usage(account: account).frames, 100)
    }

    func testBadReservationRequestsAreTypedErrors() throws {
        let account = try makeAccount()
        XCTAssertThrowsQuotaError(try quotas.reserveFrames(account: account, count: 0, lease: 60), .invalidMeasurement(name: "frames", value: 0))
        XCTAssertThrowsQuotaError(try quotas.reserveFrames(account: "acct_nobody", count: 1, lease: 60), .unknownAccount("acct_nobody"))
    }
}

/// Collects values from many threads.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// Size checks and reservation together.
final class AdmitTests: QuotasTestCase {
    func testAdmittingChecksSizeBeforeReservingAndReservesTheFrameCount() throws {
        let account = try makeAccount()
        XCTAssertThrowsQuotaError(
            try quotas.admitVideo(account: account, frames: 121, width: 320, height: 240, lease: 60),
            .planLimit(limit: .videoFrames, allowed: 120, requested: 121, plan: "free", upgradeTo: "premium"))
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 0, "a refused request reserves nothing")
        let video = try quotas.admitVideo(account: account, frames: 120, width: 320, height: 240, lease: 60)
        XCTAssertEqual(video.frames, 120)
        try quotas.commit(video)
        let image = try quotas.admitImage(account: account, width: 640, height: 480, lease: 60)
        XCTAssertEqual(image.frames, 1)
        try quotas.commit(image)
        XCTAssertEqual(try quotas.usage(account: account).frames, 121)
    }
}
