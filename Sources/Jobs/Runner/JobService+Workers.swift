import Foundation
import Quotas
import Storage

extension JobService {
    /// Starts the worker pool and the keeper (heartbeats, recovery, reservation renewals). First
    /// re-queues the running jobs whose worker lease passed (their process died). Calling it
    /// again while started does nothing.
    public func start() {
        let begin = state.withLock { () -> Bool in
            guard !started else { return false }
            started = true
            stopping = false
            liveThreads = configuration.workers + 1
            return true
        }
        guard begin else { return }
        recoverAbandonedJobs()
        renewReservations()
        sweepResultFiles()
        for index in 0..<configuration.workers {
            spawn(name: "stylify-job-worker-\(index)") { $0.workerLoop() }
        }
        spawn(name: "stylify-job-keeper") { $0.keeperLoop() }
    }

    /// Stops the pool: running jobs are interrupted at their next frame and put back in the
    /// queue (to run again from the start on the next `start()`); returns when every thread ended.
    public func stop() {
        state.withLock {
            guard started else { return }
            stopping = true
            for control in running.values { control.interrupt(.shutdown) }
            wakeups += 1
            state.broadcast()
            while liveThreads > 0 { state.wait() }
            started = false
        }
    }

    private func spawn(name: String, _ body: @escaping @Sendable (JobService) -> Void) {
        let thread = Thread { [self] in
            body(self)
            state.withLock {
                liveThreads -= 1
                state.broadcast()
            }
        }
        thread.name = name
        thread.start()
    }

    var isStopping: Bool {
        state.withLock { stopping }
    }

    private func workerLoop() {
        while !isStopping {
            let seen = state.withLock { wakeups }
            do {
                if let claimed = try claimNext() {
                    execute(claimed)
                    continue
                }
            } catch {
                // A busy or failing database: wait and try again rather than spin.
            }
            state.withLock {
                if !stopping, wakeups == seen {
                    _ = state.wait(until: Date().addingTimeInterval(configuration.pollInterval))
                }
            }
        }
    }

    /// Claims the next runnable job: queued, highest priority first, then oldest, skipping
    /// accounts already running their `concurrent_jobs`. With `only`, just that job.
    func claimNext(only: JobID? = nil) throws -> RunControl? {
        let token = "clm_" + JobID.make().rawValue.dropFirst(JobID.prefix.count)
        let now = Milliseconds.now
        let claimed: JobID? = try JobError.wrapping {
            try database.write { connection in
                let candidates: [(id: JobID, account: String)]
                if let only {
                    candidates = try JobRecords.job(only, account: nil, connection).map { [($0.id, $0.account)] } ?? []
                } else {
                    candidates = try JobRecords.queued(limit: 64, connection)
                }
                let runningByAccount = try JobRecords.runningCounts(connection)
                for candidate in candidates {
                    // The limit is read through the quota cache (≤ 1 s old); an unknown account
                    // (deleted meanwhile) gets 1 so its job still runs and settles.
                    let cap = (try? quotas.limits(for: candidate.account)[.concurrentJobs]).map { Int(clamping: $0) } ?? 1
                    guard runningByAccount[candidate.account, default: 0] < max(cap, 1) else { continue }
                    let lease = now + Milliseconds.from(configuration.workerLease)
                    if try JobRecords.claim(candidate.id, claim: token, now: now, leaseUntil: lease, connection) {
                        return candidate.id
                    }
                }
                return nil
            }
        }
        guard let claimed else { return nil }
        let control = RunControl(id: claimed, claim: token)
        state.withLock {
            running[claimed] = control
            if stopping { control.interrupt(.shutdown) }
        }
        return control
    }

    private func keeperLoop() {
        var lastSweep = Date.distantPast
        var lastRenewal = Date()
        var lastResultSweep = Date()
        while !isStopping {
            heartbeat()
            let now = Date()
            if now.timeIntervalSince(lastSweep) >= configuration.pollInterval {
                recoverAbandonedJobs()
                lastSweep = now
            }
            if now.timeIntervalSince(lastRenewal) >= configuration.reservationLease / 4 {
                renewReservations()
                lastRenewal = now
            }
            if now.timeIntervalSince(lastResultSweep) >= configuration.resultSweepInterval {
                sweepResultFiles()
                lastResultSweep = now
            }
            state.withLock {
                if !stopping { _ = state.wait(until: Date().addingTimeInterval(configuration.heartbeatInterval)) }
            }
        }
    }

    /// Records every local running job's progress and extends its lease; a job that is no
    /// longer ours (canceled by another process, or re-queued) is told to stop.
    func heartbeat() {
        let controls = state.withLock { Array(running.values) }
        guard !controls.isEmpty else { return }
        let leaseUntil = Milliseconds.now + Milliseconds.from(configuration.workerLease)
        let lost = try? database.write { connection in
            try controls.filter { control in
                !(try JobRecords.heartbeat(control.id, claim: control.claim, framesDone: control.progress,
                                           leaseUntil: leaseUntil, connection))
            }
        }
        for control in lost ?? [] { control.interrupt(.lost) }
    }
}
