import Foundation
import Jobs
import Quotas
import Storage
import TestSupport
import XCTest

/// Frames stay held for as long as a job waits or runs, and never silently after they were lost.
final class ReservationLeaseTests: JobsTestCase {
    private func expiry(of reservation: String) throws -> Int {
        try database.read { try $0.queryOne("SELECT expires_at FROM frame_reservations WHERE id = ?", reservation)!.int("expires_at") }
    }

    func testQueuedJobKeepsItsFramesHeldWhileItWaits() throws {
        let account = try makeAccount(plan: "premium")
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 2, forAccount: account)
        var settings = configuration()
        settings.reservationLease = 8
        let service = try makeService(settings)
        let blocking = try service.submit(imageRequest(account))
        let waiting = try service.submit(imageRequest(account))
        // The first job runs in another (live) process; with a limit of 1 the second must wait.
        try database.write { try $0.run(
            "UPDATE jobs SET status = 'running', claim = 'clm_elsewhere', attempts = 1, lease_expires_at = ? WHERE id = ?",
            Int64(Date().timeIntervalSince1970 * 1000) + 120_000, blocking.id.rawValue) }
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 1, forAccount: account)
        let before = try expiry(of: waiting.reservationID), foreign = try expiry(of: blocking.reservationID)

        service.start()
        try eventually(timeout: 10, "the waiting job's reservation was not renewed") {
            try expiry(of: waiting.reservationID) > before
        }
        XCTAssertEqual(try service.get(waiting.id, account: account).status, .queued, "the concurrency limit holds it back")
        XCTAssertEqual(try expiry(of: blocking.reservationID), foreign, "another process's running job is its own to renew")
    }

    func testJobWhoseFramesWereLostAndAreNoLongerAvailableFails() throws {
        let account = try makeAccount()
        let service = try makeService()
        let job = try service.submit(imageRequest(account))
        // Nothing ran for longer than the lease, and meanwhile the month's frames were used up.
        try database.write { try $0.run("UPDATE frame_reservations SET expires_at = ?1 WHERE id = ?2", Int64(Date().timeIntervalSince1970) - 10, job.reservationID) }
        _ = try quotas.administration.setOverride(.monthlyFrames, to: 0, forAccount: account)
        service.start()
        let done = try finished(service, job)
        XCTAssertEqual(done.status, .failed)
        XCTAssertEqual(done.problem?.code, "quota_exceeded")
        XCTAssertEqual(resultFiles(), [])
        XCTAssertEqual(try usage(account).frames, 0, "nothing is metered for work that did not happen")
    }
}
