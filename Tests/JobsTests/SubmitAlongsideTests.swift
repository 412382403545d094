import Foundation
import Jobs
import Storage
import TestSupport
import XCTest

/// `submit(_:alongside:)`: the caller's writes share the transaction that stores the job.
final class SubmitAlongsideTests: JobsTestCase {
    private struct Refused: Error, Equatable {}

    func testWritesAlongsideAreKeptWithTheJob() throws {
        let account = try makeAccount()
        let service = try makeService()
        var seen: JobID?
        let job = try service.submit(imageRequest(account)) { connection, id in
            seen = id
            // The job's row is already written: what references it may be inserted here.
            XCTAssertEqual(try connection.queryOne("SELECT status FROM jobs WHERE id = ?", id.rawValue)?.string("status"), "queued")
        }
        XCTAssertEqual(seen, job.id)
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 1)
    }

    func testAFailureAlongsideKeepsNothingOfTheSubmission() throws {
        let account = try makeAccount()
        let service = try makeService()
        XCTAssertThrowsError(try service.submit(imageRequest(account)) { _, _ in throw Refused() }) { error in
            XCTAssertEqual(error as? Refused, Refused(), "the caller's error comes back as it is")
        }
        XCTAssertThrowsError(try service.submitAndWait(imageRequest(account), timeout: 5) { _, _ in throw Refused() }) { error in
            XCTAssertEqual(error as? Refused, Refused())
        }
        XCTAssertEqual(try service.list(account: account).jobs, [], "no job")
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 0, "no reservation")
    }

    func testEndedJobsAreListedNewestEndFirst() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        let start = Date().addingTimeInterval(-1)
        let first = try service.submit(imageRequest(account))
        let second = try service.submit(imageRequest(account))
        let queued = try service.submit(imageRequest(account))
        _ = try service.cancel(first.id, account: account)
        Thread.sleep(forTimeInterval: 0.01)
        _ = try service.cancel(second.id, account: account)
        XCTAssertEqual(try service.ended(since: start, limit: 10).map(\.id), [second.id, first.id], "not \(queued.id), still queued")
        XCTAssertEqual(try service.ended(since: start, limit: 1).map(\.id), [second.id])
        XCTAssertEqual(try service.ended(since: Date().addingTimeInterval(60), limit: 10), [])
    }
}
