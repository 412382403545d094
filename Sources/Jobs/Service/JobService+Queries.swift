import Foundation
import Storage

/// A page of an account's jobs, newest first.
public struct JobPage: Sendable {
    public let jobs: [Job]
    /// Whether older jobs follow the last one (pass its id as `startingAfter`).
    public let hasMore: Bool
}

extension JobService {
    /// The job, if `account` owns it.
    ///
    /// - Throws: `JobError.notFound` for a missing id and for another account's job alike.
    public func get(_ id: JobID, account: String) throws -> Job {
        let job = try JobError.wrapping { try database.readTransaction { try JobRecords.job(id, account: account, $0) } }
        guard let job else { throw JobError.notFound(id) }
        return job
    }

    /// The account's jobs, newest first: `limit` (1...100) of them after `startingAfter`.
    ///
    /// - Throws: `JobError.invalidRequest(param: "limit")`; `.notFound` when `startingAfter` is
    ///   not one of the account's jobs.
    public func list(account: String, limit: Int = 20, startingAfter: JobID? = nil) throws -> JobPage {
        guard (1...100).contains(limit) else {
            throw JobError.invalidRequest(param: "limit", detail: "must be between 1 and 100, got \(limit)")
        }
        return try JobError.wrapping {
            try database.readTransaction { connection in
                if let startingAfter, try JobRecords.job(startingAfter, account: account, connection) == nil {
                    throw JobError.notFound(startingAfter)
                }
                let jobs = try JobRecords.list(account: account, limit: limit + 1, startingAfter: startingAfter, connection)
                return JobPage(jobs: Array(jobs.prefix(limit)), hasMore: jobs.count > limit)
            }
        }
    }

    /// Every account's jobs that ended at or after `since`, newest end first, at most `limit`:
    /// what a start-up sweep for missed notifications looks at.
    ///
    /// - Throws: `JobError.storage`.
    public func ended(since: Date, limit: Int) throws -> [Job] {
        try JobError.wrapping { try database.readTransaction { try JobRecords.ended(since: since, limit: limit, $0) } }
    }

    /// Waits until the job has ended or `timeout` passed, and returns it as it is then.
    public func wait(for id: JobID, account: String, timeout: TimeInterval) throws -> Job {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let seen = events.changes.current
            let job = try get(id, account: account)
            if job.status.isTerminal || Date() >= deadline { return job }
            // Local changes wake the signal; changes by other processes are polled.
            events.changes.wait(since: seen, until: min(deadline, Date().addingTimeInterval(0.2)))
        }
    }
}
