import Foundation
import Quotas
import Storage

extension JobQueue {
    /// Re-queues running jobs whose worker lease passed (the process died or hung): they run again
    /// from the start. A job that has already lost `maxAttempts` workers fails instead (it may be
    /// what kills them) and its frames are released.
    ///
    /// - Returns: the re-queued jobs (to announce).
    func recoverAbandonedJobs() -> [JobID] {
        let now = Milliseconds.now
        let maxAttempts = configuration.maxAttempts
        // Checked on a reader first: the common case (nothing abandoned) takes no write lock.
        guard let found = try? database.readTransaction({ try JobRecords.abandoned(now: now, $0) }), !found.isEmpty else { return [] }
        guard let changed = try? database.writeTransaction({ connection -> [JobID] in
            var changed: [JobID] = []
            for (id, attempts) in try JobRecords.abandoned(now: now, connection) {
                if attempts >= maxAttempts {
                    guard let job = try JobRecords.job(id, account: nil, connection),
                          try JobRecords.end(id, as: .failed, claim: nil, now: now,
                                             problem: .workerLost(attempts: attempts), connection)
                    else { continue }
                    try quotas.release(reservation(of: job), in: connection)
                } else if try JobRecords.requeue(id, claim: nil, connection) {
                    changed.append(id)
                }
            }
            if !changed.isEmpty { try JobRecords.notifyWorkers(connection) }
            return changed
        }) else { return [] }
        for id in changed {
            // The frames stay reserved for the re-run: renew the lease (or reserve again if it passed).
            if let job = try? self.job(id) {
                try? holdReservation(of: job)
            }
        }
        return changed
    }

    /// Renews the frame reservations of queued jobs and of the jobs running under `claims` (this
    /// process's), so they stay held however long the queue is.
    ///
    /// - Returns: the jobs that failed because their frames could not be held any more (their
    ///   workers must stop).
    func renewReservations(claims: [String]) -> [JobID] {
        guard let live = try? database.readTransaction({ try JobRecords.liveReservations(claims: claims, $0) }) else { return [] }
        var failed: [JobID] = []
        for entry in live {
            guard let job = try? database.readTransaction({ try JobRecords.job(entry.id, account: nil, $0) }) else { continue }
            do {
                try holdReservation(of: job)
            } catch let error as QuotaError {
                // The frames went to someone else while nobody held them: the job cannot go on silently.
                let ended = try? database.writeTransaction { connection in
                    try JobRecords.end(job.id, as: .failed, claim: nil, now: Milliseconds.now,
                                       problem: JobProblem(error: error), connection)
                }
                if ended == true { failed.append(job.id) }
            } catch {
                continue
            }
        }
        return failed
    }

    /// Makes sure the job's frames are held for another lease: renews its reservation, or, when
    /// that lease already passed (no process was running for a while), reserves the frames again
    /// and points the job at the new reservation. The old one expired unmetered, so the frames
    /// are still committed exactly once.
    ///
    /// - Throws: `QuotaError` when the frames cannot be reserved again.
    func holdReservation(of job: Job) throws {
        let lease = configuration.reservationLease
        do {
            _ = try quotas.renew(reservation(of: job), lease: lease)
        } catch QuotaError.reservationNotFound {
            do {
                try database.writeTransaction { connection in
                    // The job was admitted long ago: only its frames are checked again, not
                    // whether the account has a free job slot (its other jobs hold them).
                    let fresh = try quotas.reserveFrames(
                        account: job.account, count: Int64(job.progress.total), lease: lease, checkingConcurrency: false, in: connection)
                    guard try JobRecords.replaceReservation(job.id, old: job.reservationID, new: fresh.id, connection) else {
                        throw ReservationNotNeeded()
                    }
                }
            } catch is ReservationNotNeeded {
                return
            }
        }
    }
}

/// Rolls back a fresh reservation for a job that ended (or was re-pointed) meanwhile.
private struct ReservationNotNeeded: Error {}
