import Foundation
import Jobs
import Quotas
import TestSupport
import XCTest

final class CancelTests: JobsTestCase {
    func testCancelingARunningVideoJobStopsItWithinASecondAndReleasesItsFrames() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        service.start()
        // 320x180: the job runs for several seconds, one frame takes well under a second.
        let job = try service.submit(videoRequest(account, maxSide: 320))
        try eventually(timeout: 60, "the job never made progress") {
            try service.get(job.id, account: account).progress.done >= 3
        }
        let canceledAt = Date()
        let canceled = try service.cancel(job.id, account: account)
        XCTAssertEqual(canceled.status, .canceled)
        XCTAssertEqual(canceled.problem?.code, "canceled")

        try eventually(timeout: 5, "the worker did not stop") { try service.metrics().runningHere == 0 }
        XCTAssertLessThan(Date().timeIntervalSince(canceledAt), 1.0, "the worker stops within a second")

        let after = try service.get(job.id, account: account)
        XCTAssertEqual(after.status, .canceled)
        XCTAssertNil(after.result)
        XCTAssertLessThan(after.progress.done, 240)
        XCTAssertEqual(resultFiles(), [], "no result and no temporary file is left")
        XCTAssertEqual(try reservationStates(account), ["released": 1])
        let used = try usage(account)
        XCTAssertEqual(used.frames, 0)
        XCTAssertEqual(used.reservedFrames, 0)
    }

    func testCanceledQueuedJobNeverRuns() throws {
        let account = try makeAccount()
        let service = try makeService()
        let job = try service.submit(imageRequest(account))
        XCTAssertEqual(try service.cancel(job.id, account: account).status, .canceled)
        XCTAssertEqual(try service.cancel(job.id, account: account).status, .canceled, "canceling twice is harmless")
        service.start()
        Thread.sleep(forTimeInterval: 0.5)
        let after = try service.get(job.id, account: account)
        XCTAssertEqual(after.status, .canceled)
        XCTAssertNil(after.startedAt)
        XCTAssertEqual(resultFiles(), [])
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        XCTAssertEqual(try usage(account).frames, 0)
    }

    func testFinishedJobCannotBeCanceled() throws {
        let account = try makeAccount()
        let service = try makeService()
        let job = try service.submitAndWait(imageRequest(account, maxSide: 64), timeout: 60)
        XCTAssertEqual(job.status, .succeeded)
        XCTAssertThrowsError(try service.cancel(job.id, account: account)) { error in
            XCTAssertEqual(error as? JobError, .notCancelable(job.id, status: .succeeded))
        }
        XCTAssertEqual(try usage(account).frames, 1, "the committed frame stays committed")
    }
}
