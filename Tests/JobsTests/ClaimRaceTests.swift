import Common
import Foundation
@testable import Jobs
import Quotas
import Storage
import TestSupport
import XCTest

/// Claimers on two database handles (two processes' connections) race over one queue: every
/// job is claimed exactly once. On PostgreSQL the claim locks the job row `FOR UPDATE SKIP
/// LOCKED` at READ COMMITTED, so the loser of a race skips the row instead of claiming it again
/// or waiting; on SQLite the one writer serialises the claims.
final class ClaimRaceTests: JobsTestCase {
    func testClaimersOnTwoConnectionsNeverClaimAJobTwice() throws {
        try assertEveryJobClaimedOnce(on: database, other: try testDatabase.open())
    }

    /// The same race on PostgreSQL in every run, whichever engine the module's tests use.
    func testClaimersOnTwoPostgreSQLConnectionsNeverClaimAJobTwice() throws {
        let postgres = try TestDatabase(.postgresql, in: directory, label: "claimrace")
        defer { postgres.drop() }
        try assertEveryJobClaimedOnce(on: try postgres.open(), other: try postgres.open())
    }

    /// A job submitted through another node's connection wakes this node's idle workers through
    /// LISTEN/NOTIFY: they run it long before their next poll (60 s here) would have found it.
    func testASubmissionOnAnotherNodeWakesIdleWorkersBeforeTheirNextPoll() throws {
        let postgres = try TestDatabase(.postgresql, in: directory, label: "wakeup")
        defer { postgres.drop() }
        let workerSide = try postgres.open()
        let account = try makeAccount(plan: "premium", in: workerSide)
        var slow = configuration()
        slow.pollInterval = 60
        let worker = try makeService(slow, database: workerSide)
        worker.start()
        Thread.sleep(forTimeInterval: 0.5)  // its workers found nothing and sleep until woken or polled
        let submitter = try makeService(slow, database: try postgres.open())
        let submitted = Date()
        let job = try submitter.submit(imageRequest(account, maxSide: 64))
        let done = try finished(worker, job, timeout: 40)
        XCTAssertEqual(done.status, .succeeded, "\(String(describing: done.problem))")
        XCTAssertLessThan(Date().timeIntervalSince(submitted), 40, "run before the 60 s poll")
    }

    private func assertEveryJobClaimedOnce(on first: any SQLDatabase, other second: any SQLDatabase) throws {
        let quotas = try QuotaService(database: first)
        let account = try makeAccount(plan: "premium", in: first)
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 1000, forAccount: account)
        let queues = [first, second].map { database in
            JobQueue(database: database, quotas: try! QuotaService(database: database), blobs: blobs, configuration: configuration())
        }
        let request = try imageRequest(account, maxSide: 64)
        let submitted = try (0..<24).map { _ in try queues[0].submit(request) }

        let claimed = Locked<[JobID]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let queue = queues[index % 2]
            for _ in 0..<100 {
                do {
                    guard let claim = try queue.claim() else { return }
                    claimed.withLock { $0.append(claim.id) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [], "claims that failed")
        let ids = claimed.withLock { $0 }
        XCTAssertEqual(ids.count, submitted.count, "each job claimed once, none twice")
        XCTAssertEqual(Set(ids), Set(submitted))
        for id in submitted {
            let job = try XCTUnwrap(try queues[1].job(id))
            XCTAssertEqual(job.status, .running)
            XCTAssertEqual(job.attempts, 1, "\(id) was claimed \(job.attempts) times")
        }
    }

    private func makeAccount(plan: String, in database: any SQLDatabase) throws -> String {
        let id = "acct_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20)
        try database.write { connection in
            try connection.run("INSERT INTO accounts (id, plan, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                               id, plan, Int64(Date().timeIntervalSince1970))
        }
        return id
    }
}
