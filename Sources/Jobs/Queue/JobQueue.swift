import Foundation
import Quotas
import Storage

/// The durable queue: every job's state in SQLite (`JobRecords`), with its frame reservation.
/// Submission, claims, heartbeats, cancel and recovery are transactions here; it keeps no state
/// in memory, so any number of processes share one queue and a `kill -9` loses nothing.
///
/// Every write by a worker is conditional on its claim token, so a worker that lost its job
/// (canceled, re-queued after its lease passed) can never overwrite what happened since.
struct JobQueue: Sendable {
    let database: any SQLDatabase
    let quotas: QuotaService
    /// Where the jobs' contents are read from and their results stored, by key.
    let blobs: any BlobStore
    let configuration: JobServiceConfiguration

    /// The blob rows the jobs tables reference (contents, results).
    var registry: BlobRegistry { BlobRegistry(database: database, store: blobs) }

    /// A claimed job: its id and the token its worker's writes are conditional on.
    struct Claim: Sendable {
        let id: JobID
        let token: String
    }

    /// The job as stored, whoever owns it.
    func job(_ id: JobID) throws -> Job? {
        try database.readTransaction { try JobRecords.job(id, account: nil, $0) }
    }

    /// Claims the next runnable job: queued, highest priority first, then oldest, skipping
    /// accounts already running their `concurrent_jobs`. With `only`, just that job.
    ///
    /// Candidates come from a snapshot on a reader (no lock: the common case, nothing to claim,
    /// writes nothing). Each claim is then its own claim transaction (PostgreSQL: READ COMMITTED)
    /// that first locks the job row (`FOR UPDATE SKIP LOCKED`: a job another worker is claiming
    /// right now is skipped, not waited for), then the candidate's account row (`AccountLock`),
    /// counts its running jobs again and claims only below the cap: exact however many workers
    /// and processes claim at once. The lock order (job, then account) is the one cancel takes
    /// too, and one account per transaction, so two claimers never wait on each other in
    /// opposite orders.
    func claim(only: JobID? = nil) throws -> Claim? {
        let token = "clm_" + JobID.make().rawValue.dropFirst(JobID.prefix.count)
        let (candidates, runningByAccount) = try JobError.wrapping {
            try database.readTransaction { connection -> ([(id: JobID, account: String)], [String: Int]) in
                let candidates: [(id: JobID, account: String)]
                if let only {
                    candidates = try JobRecords.job(only, account: nil, connection)
                        .flatMap { $0.status == .queued ? [($0.id, $0.account)] : nil } ?? []
                } else {
                    candidates = try JobRecords.queued(limit: 64, connection)
                }
                return (candidates, try JobRecords.runningCounts(connection))
            }
        }
        var full = Set<String>()
        for candidate in candidates where !full.contains(candidate.account) {
            // The limit is read through the quota cache (≤ 1 s old); an unknown account
            // (deleted meanwhile) gets 1 so its job still runs and settles.
            let cap = max(1, (try? quotas.limits(for: candidate.account)[.concurrentJobs]).map { Int(clamping: $0) } ?? 1)
            guard runningByAccount[candidate.account, default: 0] < cap else { continue }
            // nil: the account's cap filled meanwhile; false: another worker took the job.
            let claimed: Bool? = try JobError.wrapping {
                try database.claimTransaction { connection in
                    guard try JobRecords.lockQueued(candidate.id, connection) else { return false }
                    try AccountLock.acquire(candidate.account, in: connection)
                    guard try JobRecords.runningCount(of: candidate.account, connection) < cap else { return nil }
                    let now = Milliseconds.now
                    let lease = now + Milliseconds.from(configuration.workerLease)
                    return try JobRecords.claim(candidate.id, claim: token, now: now, leaseUntil: lease, connection)
                }
            }
            if claimed == true { return Claim(id: candidate.id, token: token) }
            if claimed == nil { full.insert(candidate.account) }
        }
        return nil
    }

    /// Records every given running job's progress and extends its lease.
    ///
    /// - Returns: the jobs that are no longer ours (canceled by another process, or re-queued):
    ///   their workers must stop.
    func heartbeat(_ controls: [RunControl]) -> [RunControl] {
        guard !controls.isEmpty else { return [] }
        let leaseUntil = Milliseconds.now + Milliseconds.from(configuration.workerLease)
        let lost = try? database.writeTransaction { connection in
            try controls.filter { control in
                !(try JobRecords.heartbeat(control.id, claim: control.claim, framesDone: control.progress,
                                           leaseUntil: leaseUntil, connection))
            }
        }
        return lost ?? []
    }

    /// Puts a job this worker was running back in the queue (the service is stopping).
    func requeue(_ control: RunControl) {
        _ = try? database.writeTransaction { try JobRecords.requeue(control.id, claim: control.claim, $0) }
    }

    /// Cancels a queued or running job: it is marked canceled and its frames released in one
    /// transaction.
    ///
    /// - Returns: whether it changed (false: it was canceled already).
    /// - Throws: `JobError.notFound` (also for another account's job), `.notCancelable` when it
    ///   already succeeded or failed, `.storage`.
    func cancel(_ id: JobID, account: String) throws -> Bool {
        try JobError.wrapping {
            try database.writeTransaction { connection -> Bool in
                guard let job = try JobRecords.job(id, account: account, connection) else { throw JobError.notFound(id) }
                switch job.status {
                case .canceled: return false
                case .succeeded, .failed: throw JobError.notCancelable(id, status: job.status)
                case .queued, .running: break
                }
                guard try JobRecords.end(id, as: .canceled, claim: nil, now: Milliseconds.now, problem: .canceled, connection) else {
                    return false
                }
                try quotas.release(reservation(of: job), in: connection)
                return true
            }
        }
    }

    /// Queue depth and jobs by status, for `/metrics`.
    func counts() throws -> (queued: Int, byStatus: [JobStatus: Int]) {
        try JobError.wrapping {
            try database.readTransaction { (try JobRecords.queuedCount($0), try JobRecords.countsByStatus($0)) }
        }
    }

    /// The quota reservation a job row points at (only its id matters to renew/commit/release).
    func reservation(of job: Job) -> FrameReservation {
        FrameReservation(id: job.reservationID, account: job.account, period: UsagePeriod(containing: job.createdAt),
                         frames: Int64(job.progress.total), expiresAt: job.createdAt)
    }
}
