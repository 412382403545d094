import Foundation
import Jobs
import TestSupport
import XCTest

/// The results directory keeps only running attempts' files (results are blobs).
final class ResultSweepTests: JobsTestCase {
    func testSweepRemovesFilesOfEndedAttemptsAndUnknownJobsButKeepsTheResultAndForeignNames() throws {
        let account = try makeAccount()
        let service = try makeService()
        let done = try service.submitAndWait(imageRequest(account, maxSide: 64), timeout: 60)
        XCTAssertEqual(done.status, .succeeded)
        let kept = try XCTUnwrap(done.result?.key)
        XCTAssertEqual(resultFiles(), [], "the result went into the blob store")
        let canceled = try service.submit(imageRequest(account, maxSide: 64))
        try service.cancel(canceled.id, account: account)

        let leftovers = [
            ".\(done.id.rawValue)-1.png.\(UUID().uuidString).partial",   // a temporary file of the finished attempt
            "\(canceled.id.rawValue)-1.png",                             // output of a canceled job
            "sty_00000000000000000000-2.mp4",                            // a job that no longer exists
        ]
        for name in leftovers + ["README.txt"] {
            try Data("x".utf8).write(to: resultsDirectory.appendingPathComponent(name))
        }

        XCTAssertEqual(service.sweepResultFiles(), leftovers.count)
        XCTAssertEqual(Set(resultFiles()), ["README.txt"])
        XCTAssertEqual(service.sweepResultFiles(), 0, "a second sweep finds nothing")
        XCTAssertEqual(try service.get(done.id, account: account).result?.key, kept)
        XCTAssertNotNil(try blobs.head(kept), "the sweep of the results directory never touches the result")
    }

    func testSweepKeepsTheFilesOfARunningAttempt() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        service.start()
        let job = try service.submit(videoRequest(account, maxSide: 160))
        try eventually(timeout: 60, "the job never made progress") {
            try service.get(job.id, account: account).progress.done >= 2
        }
        let before = resultFiles()
        XCTAssertFalse(before.isEmpty, "the running attempt writes its output")
        XCTAssertEqual(service.sweepResultFiles(), 0)
        XCTAssertTrue(Set(before).isSubset(of: Set(resultFiles())), "nothing of the running attempt was removed")
        let done = try finished(service, job)
        XCTAssertEqual(done.status, .succeeded, "\(String(describing: done.problem))")
    }
}
