import Foundation
import Jobs
import Quotas
import TestSupport
import XCTest

final class SchedulingTests: JobsTestCase {
    func testPremiumJobsRunAheadOfFreeOnes() throws {
        let free = try makeAccount(plan: "free")
        let premium = try makeAccount(plan: "premium")
        let service = try makeService(configuration(workers: 1))
        let freeJob = try service.submit(imageRequest(free, maxSide: 128))
        let premiumJob = try service.submit(imageRequest(premium, maxSide: 128))
        XCTAssertGreaterThan(premiumJob.priority, freeJob.priority)
        service.start()
        let freeDone = try finished(service, freeJob), premiumDone = try finished(service, premiumJob)
        XCTAssertEqual(freeDone.status, .succeeded)
        XCTAssertEqual(premiumDone.status, .succeeded)
        XCTAssertLessThanOrEqual(try XCTUnwrap(premiumDone.finishedAt), try XCTUnwrap(freeDone.startedAt),
                                 "the later premium job ran first")
    }

    func testPriorityGivenAtSubmissionWinsOverThePlans() throws {
        let first = try makeAccount(), second = try makeAccount()
        let service = try makeService(configuration(workers: 1))
        let normal = try service.submit(imageRequest(first, maxSide: 128))
        let urgent = try service.submit(imageRequest(second, maxSide: 128, priority: 50))
        XCTAssertEqual(urgent.priority, 50)
        service.start()
        let normalDone = try finished(service, normal), urgentDone = try finished(service, urgent)
        XCTAssertLessThanOrEqual(try XCTUnwrap(urgentDone.finishedAt), try XCTUnwrap(normalDone.startedAt))
    }

    func testAnAccountNeverRunsMoreJobsAtOnceThanItsPlanAllows() throws {
        let account = try makeAccount(plan: "premium")
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 2, forAccount: account)
        let service = try makeService(configuration(workers: 2))
        let jobs = try (0..<2).map { _ in try service.submit(imageRequest(account, maxSide: 200)) }
        // The operator lowers the limit while both are queued: the workers must respect it.
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 1, forAccount: account)
        service.start()
        let done = try jobs.map { try finished(service, $0) }.sorted { $0.startedAt! < $1.startedAt! }
        XCTAssertEqual(done.map(\.status), [.succeeded, .succeeded])
        XCTAssertLessThanOrEqual(try XCTUnwrap(done[0].finishedAt), try XCTUnwrap(done[1].startedAt),
                                 "the second job started only after the first ended")
    }

    func testSubmittingBeyondTheConcurrencyLimitIsRefused() throws {
        let account = try makeAccount(plan: "free")
        let service = try makeService()
        _ = try service.submit(imageRequest(account))
        XCTAssertThrowsError(try service.submit(imageRequest(account))) { error in
            guard case QuotaError.concurrencyLimit(let allowed, let running, "free", _) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(allowed, 1)
            XCTAssertEqual(running, 1)
        }
        XCTAssertEqual(try service.list(account: account).jobs.count, 1)
    }
}
