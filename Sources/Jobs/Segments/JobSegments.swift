import Foundation
import Media
import Storage

/// The shared side of segmented video jobs (`job_segments`): planning a job's segments, claiming
/// and leasing them (any worker of any node may render one), recording rendered pieces, and the
/// keeper's upkeep. Like `JobQueue` it keeps no state beyond the claims of this process.
struct JobSegments: Sendable {
    let queue: JobQueue
    let running = RunningSegments()

    private var database: any SQLDatabase { queue.database }
    private var configuration: JobServiceConfiguration { queue.configuration }

    /// Stores the job's plan (keeping an earlier attempt's pieces when it planned the same cuts)
    /// and wakes the workers of every node to help.
    func store(_ plan: [VideoSegmentPlan.Segment], of job: JobID) throws {
        try JobError.wrapping {
            try database.writeTransaction { connection in
                if try JobSegmentRecords.store(plan, of: job, connection) { try JobRecords.notifyWorkers(connection) }
            }
        }
    }

    func segments(of job: JobID) throws -> [JobSegment] {
        try JobError.wrapping { try database.readTransaction { try JobSegmentRecords.segments(of: job, $0) } }
    }

    /// Claims a queued segment of a running job (of `job` alone, if given) and registers it here.
    /// Its control stops when `parent` (the job's own run, for its worker) stops.
    func claim(job: JobID? = nil, parent: RunControl? = nil) throws -> SegmentClaim? {
        let token = "seg_" + JobID.make().rawValue.dropFirst(JobID.prefix.count)
        let claimed = try JobError.wrapping { () -> JobSegment? in
            // Candidates from a snapshot first: the common case (nothing to claim) writes nothing.
            let candidates = try database.readTransaction { try JobSegmentRecords.claimable(job: job, limit: 4, $0) }
            guard !candidates.isEmpty else { return nil }
            return try database.claimTransaction { connection -> JobSegment? in
                let lease = Milliseconds.now + Milliseconds.from(configuration.workerLease)
                // Another worker may take a candidate first; the update is conditional, so each
                // segment is claimed once.
                for candidate in candidates
                where try JobSegmentRecords.claim(candidate.job, index: candidate.index, claim: token, leaseUntil: lease, connection) {
                    return candidate
                }
                return nil
            }
        }
        guard let claimed else { return nil }
        let claim = SegmentClaim(job: claimed.job, index: claimed.index, range: claimed.range, frames: claimed.frames,
                                 control: RunControl(id: claimed.job, claim: token, parent: parent))
        running.add(claim)
        return claim
    }

    func release(_ claim: SegmentClaim) {
        running.remove(claim)
    }

    /// Records the piece rendered for `claim` (already stored as `piece`) in one transaction
    /// with its blob row; a piece whose claim was lost meanwhile is removed again.
    func complete(_ claim: SegmentClaim, piece: StoredBlob, times: StageTimes) throws {
        do {
            try database.writeTransaction { connection in
                try queue.registry.record(piece, in: connection, now: Date())
                guard try JobSegmentRecords.complete(claim, piece: piece, times: times, connection) else { throw Interruption.lost }
            }
        } catch let error as StorageError {
            queue.registry.removeUnrecorded([piece])
            throw JobError.storage(error)
        } catch {
            queue.registry.removeUnrecorded([piece])
            throw error
        }
    }

    /// Gives a segment back to the queue (this worker is stopping).
    func requeue(_ claim: SegmentClaim) {
        _ = try? database.writeTransaction { try JobSegmentRecords.requeue(claim, $0) }
    }

    /// Records progress and extends the lease of every segment rendered here; interrupts those
    /// that are no longer ours (their job stopped running, or the lease passed).
    func heartbeat() {
        let claims = running.all
        guard !claims.isEmpty else { return }
        let leaseUntil = Milliseconds.now + Milliseconds.from(configuration.workerLease)
        let lost = try? database.writeTransaction { connection in
            try claims.filter { !(try JobSegmentRecords.heartbeat($0, leaseUntil: leaseUntil, connection)) }
        }
        for claim in lost ?? [] { claim.control.interrupt(.lost) }
    }

    /// Queues again the segments whose worker died, and deletes the segments of ended jobs.
    func upkeep() {
        // Read first: without segments (nearly always) the idle keeper writes nothing.
        guard (try? database.readTransaction({ try JobSegmentRecords.exist($0) })) == true else { return }
        _ = try? database.writeTransaction { connection in
            try JobSegmentRecords.requeueAbandoned(now: Milliseconds.now, connection)
            try JobSegmentRecords.deleteEnded(connection)
        }
    }
}

extension JobSegments {
    /// Renders the claimed segment of `job` from its content file and records the piece; returns
    /// where the time went. The piece's file leaves the results directory whatever happens.
    func renderPiece(_ claim: SegmentClaim, of job: Job, with renderer: VideoJobRenderer, styling: JobStyling,
                     content: URL) throws -> StageTimes {
        let file = ResultFiles.piece(claim.index, of: job.id, attempt: job.attempts, in: configuration.resultsDirectory)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try renderer.render(content: content, styling: styling, options: job.options, output: file,
                                          control: claim.control, piece: claim.range)
        let piece = try JobError.wrapping { try queue.blobs.put(adoptingFileAt: file) }
        try complete(claim, piece: piece, times: outcome.times)
        return outcome.times
    }
}
