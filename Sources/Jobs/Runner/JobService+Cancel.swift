import Foundation
import Quotas
import Storage

extension JobService {
    /// Cancels a queued or running job: it is marked canceled and its frames released in one
    /// transaction, at once; a running job's worker stops at its next frame (within a second)
    /// and discards its output. Canceling a canceled job returns it unchanged.
    ///
    /// - Throws: `JobError.notFound` (also for another account's job), `.notCancelable` when it
    ///   already succeeded or failed, `.storage`.
    @discardableResult
    public func cancel(_ id: JobID, account: String) throws -> Job {
        let changed = try JobError.wrapping {
            try database.write { connection -> Bool in
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
        if changed {
            state.withLock { running[id] }?.interrupt(.canceled)
            notify(id)
        }
        return try get(id, account: account)
    }

    /// The quota reservation a job row points at (only its id matters to renew/commit/release).
    func reservation(of job: Job) -> FrameReservation {
        FrameReservation(id: job.reservationID, account: job.account, period: UsagePeriod(containing: job.createdAt),
                         frames: Int64(job.progress.total), expiresAt: job.createdAt)
    }
}
