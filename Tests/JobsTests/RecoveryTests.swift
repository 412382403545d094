import Foundation
import Jobs
import Quotas
import Storage
import TestSupport
import XCTest

/// Nothing is lost when a worker dies: its job runs again and its frames are metered once.
final class RecoveryTests: JobsTestCase {
    /// What a `kill -9` mid-job leaves behind: the job `running` under a claim nobody renews.
    private func simulateDeadWorker(_ job: Job, leaseExpired: Bool = true) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try database.write { connection in
            try connection.run("""
                UPDATE jobs SET status = 'running', claim = 'clm_dead', attempts = attempts + 1, started_at = ?,
                    lease_expires_at = ?, frames_done = 1 WHERE id = ?
                """, now - 5_000, leaseExpired ? now - 1_000 : now + 60_000, job.id.rawValue)
        }
    }

    func testRunningJobOfADeadWorkerIsRequeuedAndCommittedExactlyOnce() throws {
        let account = try makeAccount()
        let first = try makeService()
        let job = try first.submit(imageRequest(account))
        try simulateDeadWorker(job)

        let restarted = try makeService()
        let log = StatusLog()
        restarted.addObserver(log.record)
        restarted.start()
        let done = try finished(restarted, job)
        XCTAssertEqual(done.status, .succeeded, "\(String(describing: done.problem))")
        XCTAssertEqual(done.attempts, 2)
        XCTAssertEqual(log.all.filter { $0.id == job.id }.map(\.status).first, .queued, "re-queued first")
        XCTAssertEqual(try usage(account).frames, 1, "committed exactly once")
        XCTAssertEqual(try reservationStates(account), ["committed": 1])
    }

    func testReservationThatExpiredWhileNothingRanIsTakenAgainAndStillMeteredOnce() throws {
        let account = try makeAccount()
        let first = try makeService()
        let job = try first.submit(imageRequest(account))
        try simulateDeadWorker(job)
        try database.write { try $0.run("UPDATE frame_reservations SET expires_at = ?1 WHERE id = ?2", Int64(Date().timeIntervalSince1970) - 10, job.reservationID) }

        let restarted = try makeService()
        restarted.start()
        let done = try finished(restarted, job)
        XCTAssertEqual(done.status, .succeeded, "\(String(describing: done.problem))")
        XCTAssertNotEqual(done.reservationID, job.reservationID, "a fresh reservation holds the frames of the re-run")
        XCTAssertEqual(try usage(account).frames, 1)
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        let committed = try database.read { try $0.query("SELECT id FROM frame_reservations WHERE state = 'committed'") }
        XCTAssertEqual(try committed.map { try $0.string("id") }, [done.reservationID], "only the re-run's reservation is metered")
    }

    func testRunningJobWithALiveLeaseIsLeftToItsWorker() throws {
        let account = try makeAccount()
        let first = try makeService()
        let job = try first.submit(imageRequest(account))
        try simulateDeadWorker(job, leaseExpired: false)
        let other = try makeService()
        other.start()
        Thread.sleep(forTimeInterval: 0.6)
        let now = try other.get(job.id, account: account)
        XCTAssertEqual(now.status, .running, "another process may still be running it")
        XCTAssertEqual(now.attempts, 1)
    }

    func testJobThatKeepsKillingItsWorkersFailsAfterMaxAttempts() throws {
        let account = try makeAccount()
        let first = try makeService()
        let job = try first.submit(imageRequest(account))
        try database.write { try $0.run("UPDATE jobs SET attempts = 2 WHERE id = ?", job.id.rawValue) }
        try simulateDeadWorker(job)
        let restarted = try makeService()
        restarted.start()
        try eventually(timeout: 10) { try restarted.get(job.id, account: account).status == .failed }
        XCTAssertEqual(try restarted.get(job.id, account: account).problem?.code, "worker_lost")
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        XCTAssertEqual(try usage(account).frames, 0)
    }

    func testStoppingTheServiceRequeuesItsRunningJobForTheNextStart() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        service.start()
        let job = try service.submit(videoRequest(account, maxSide: 160))
        try eventually(timeout: 60) { try service.get(job.id, account: account).progress.done >= 2 }
        service.stop()
        let stopped = try service.get(job.id, account: account)
        XCTAssertEqual(stopped.status, .queued)
        XCTAssertEqual(stopped.progress.done, 0, "it will run again from the start")
        XCTAssertEqual(resultFiles(), [])
        XCTAssertEqual(try usage(account).reservedFrames, 240, "its frames stay reserved")

        let next = try makeService()
        next.start()
        let done = try finished(next, job)
        XCTAssertEqual(done.status, .succeeded, "\(String(describing: done.problem))")
        XCTAssertEqual(done.attempts, 2)
        XCTAssertEqual(try usage(account).frames, 240)
        XCTAssertEqual(try reservationStates(account), ["committed": 1])
    }
}
