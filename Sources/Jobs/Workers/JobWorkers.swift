import Common
import Foundation
import Storage

/// The threads that run jobs: `workers` worker threads that claim and execute queued jobs, and
/// one keeper that sends heartbeats, recovers dead workers' jobs, renews frame reservations and
/// sweeps the results directory. Their life cycle is a `ThreadGroup`; they sleep on the job
/// events' `changes`, so a submission, a job's end or `stop()` wakes them at once.
///
/// On a database that wakes other nodes (`SQLWakeupSource`: PostgreSQL's LISTEN/NOTIFY) one more
/// thread listens for the submissions and re-queues of every node and wakes this node's idle
/// workers; the workers still poll every `pollInterval`, since a wake-up can be lost.
struct JobWorkers: Sendable {
    let queue: JobQueue
    let executor: JobExecutor
    let running: RunningJobs
    let events: JobEvents
    let sweeper: ResultFileSweeper
    let segments: JobSegments
    let group: ThreadGroup

    init(queue: JobQueue, executor: JobExecutor, running: RunningJobs, events: JobEvents, sweeper: ResultFileSweeper,
         segments: JobSegments) {
        self.queue = queue
        self.executor = executor
        self.running = running
        self.events = events
        self.sweeper = sweeper
        self.segments = segments
        group = ThreadGroup(wakeups: events.changes)
    }

    private var configuration: JobServiceConfiguration { queue.configuration }

    /// Starts the threads, after re-queueing the running jobs whose worker lease passed (their
    /// process died), renewing reservations and sweeping result files. Does nothing while they run.
    func start() {
        let keeper: ThreadGroup.Member = ("stylify-job-keeper", { [self] group in keeperLoop(group) })
        let workers: [ThreadGroup.Member] = (0..<configuration.workers).map { index in
            ("stylify-job-worker-\(index)", { [self] group in workerLoop(group) })
        }
        var members = workers + [keeper]
        if let source = queue.database as? any SQLWakeupSource {
            members.append(("stylify-job-listener", { [self] group in listenerLoop(group, source) }))
        }
        group.start(members) {
            recoverAbandonedJobs()
            renewReservations()
            sweeper.sweep()
        }
    }

    /// Interrupts running jobs (they go back to the queue at their next check) and returns when
    /// every thread ended.
    func stop() {
        group.stop {
            running.interruptAll(.shutdown)
            segments.running.interruptAll(.shutdown)
        }
    }

    var isStopping: Bool { group.isStopping }

    /// Claims a job (the next runnable one, or just `only`) and registers it as running here.
    /// A claim that races with `stop()` is interrupted at once (and so re-queued).
    func claim(only: JobID? = nil) throws -> RunControl? {
        guard let claim = try queue.claim(only: only) else { return nil }
        let control = RunControl(id: claim.id, claim: claim.token)
        running.add(control)
        // After `add`: a stop that began before it is seen here, one after it interrupts the table.
        if group.isStopping { control.interrupt(.shutdown) }
        return control
    }

    private func workerLoop(_ group: ThreadGroup) {
        while !group.isStopping {
            let seen = group.wakeups.current
            do {
                if let claimed = try claim() {
                    executor.execute(claimed)
                    continue
                }
                // No job to start: help render a segment of a long video another worker runs.
                if let segment = try segments.claim() {
                    if group.isStopping { segment.control.interrupt(.shutdown) }
                    executor.executeSegment(segment)
                    continue
                }
            } catch {
                // A busy or failing database: wait and try again rather than spin.
            }
            group.sleep(since: seen, until: Date().addingTimeInterval(configuration.pollInterval))
        }
    }

    private func keeperLoop(_ group: ThreadGroup) {
        var lastSweep = Date.distantPast
        var lastRenewal = Date()
        var lastResultSweep = Date()
        while !group.isStopping {
            for control in queue.heartbeat(running.all) { control.interrupt(.lost) }
            segments.heartbeat()
            let now = Date()
            if now.timeIntervalSince(lastSweep) >= configuration.pollInterval {
                recoverAbandonedJobs()
                segments.upkeep()
                lastSweep = now
            }
            if now.timeIntervalSince(lastRenewal) >= configuration.reservationLease / 4 {
                renewReservations()
                lastRenewal = now
            }
            if now.timeIntervalSince(lastResultSweep) >= configuration.resultSweepInterval {
                sweeper.sweep()
                lastResultSweep = now
            }
            group.sleep(since: group.wakeups.current, until: Date().addingTimeInterval(configuration.heartbeatInterval))
        }
    }

    /// Turns the database's wake-ups into this process's: every notification on
    /// `JobsDialect.wakeupChannel` wakes the idle workers. It checks for `stop()` at least every
    /// half second; without a connection it retries after `pollInterval` (the workers poll
    /// meanwhile).
    private func listenerLoop(_ group: ThreadGroup, _ source: any SQLWakeupSource) {
        var listener: (any SQLWakeupListener)?
        defer { listener?.close() }
        while !group.isStopping {
            do {
                let current = try listener ?? source.makeWakeupListener(channel: JobsDialect.wakeupChannel)
                listener = current
                if try current.waitForWakeup(timeout: 0.5) { events.wake() }
            } catch {
                listener?.close()
                listener = nil
                group.sleep(since: group.wakeups.current, until: Date().addingTimeInterval(configuration.pollInterval))
            }
        }
    }

    private func recoverAbandonedJobs() {
        for id in queue.recoverAbandonedJobs() { events.notify(id) }
    }

    private func renewReservations() {
        for id in queue.renewReservations(claims: running.all.map(\.claim)) {
            running.control(of: id)?.interrupt(.lost)
            events.notify(id)
        }
    }
}
