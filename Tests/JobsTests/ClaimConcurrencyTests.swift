import Foundation
import Jobs
import Quotas
import Storage
import TestSupport
import XCTest

/// Workers of several processes (here: several `Database` instances on one file, each with its
/// own job service and workers) claim one account's queue at once: the account's
/// `concurrent_jobs` holds exactly, never one job more running.
final class ClaimConcurrencyTests: JobsTestCase {
    func testWorkersOfSeveralProcessesNeverRunMoreOfAnAccountsJobsThanItsLimit() throws {
        let account = try makeAccount(plan: "premium")
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 5, forAccount: account)
        let submitter = try makeService()
        let jobs = try (0..<5).map { _ in try submitter.submit(imageRequest(account, maxSide: 128)) }
        // The operator lowers the limit while they are queued: only the claim cap stands between
        // the queue and six idle workers now.
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 1, forAccount: account)

        let services = try (0..<3).map { _ in
            try makeService(configuration(workers: 2), database: try testDatabase.open())
        }
        services.forEach { $0.start() }
        let done = try jobs.map { try finished(services[0], $0) }.sorted { $0.startedAt! < $1.startedAt! }
        XCTAssertEqual(done.map(\.status), Array(repeating: .succeeded, count: 5))
        for (earlier, later) in zip(done, done.dropFirst()) {
            XCTAssertLessThanOrEqual(try XCTUnwrap(earlier.finishedAt), try XCTUnwrap(later.startedAt),
                                     "\(later.id) started while \(earlier.id) still ran")
        }
        XCTAssertEqual(done.map(\.attempts), Array(repeating: 1, count: 5), "each job was claimed once")
        XCTAssertEqual(try usage(account).frames, 5)
    }
}
