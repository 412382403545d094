import Foundation

/// A fixed set of long-running threads started and stopped together: the workers of a service
/// (job workers and their keeper, webhook dispatchers, a periodic sweep).
///
/// Each thread runs a loop of "look for work, else `sleep`", checking `isStopping`;
/// `stop()` raises the flag, wakes every sleeper and returns when the last thread has ended.
///
///     let group = ThreadGroup()
///     group.start([("worker-0", { group in
///         while !group.isStopping {
///             let seen = group.wakeups.current
///             if let work = next() { run(work); continue }
///             group.sleep(since: seen, until: Date().addingTimeInterval(1))
///         }
///     })])
///     group.wakeups.wake()   // new work
///     group.stop()
///
/// Its lock guards the life cycle alone (the phase and how many threads are alive); wake-ups
/// have their own `WakeSignal`, so a service may wake its threads from any lock it holds.
public final class ThreadGroup: @unchecked Sendable {
    /// One thread to start: its name (seen in debuggers and `top -H`) and its loop.
    public typealias Member = (name: String, body: @Sendable (ThreadGroup) -> Void)

    private enum Phase {
        /// Never started.
        case idle
        case running
        /// Stopping or stopped; `start()` makes it run again.
        case stopped
    }

    /// Wakes the group's sleeping threads; `stop()` wakes them too.
    public let wakeups: WakeSignal
    private let lifecycle = NSCondition()
    private var phase = Phase.idle
    private var liveThreads = 0
    private let stackSize: Int?

    /// - Parameters:
    ///   - wakeups: the signal the threads sleep on; pass one that others also wait on (e.g.
    ///     "some job changed") to wake the threads and them with one call.
    ///   - stackSize: bytes of stack per thread; nil keeps the platform default.
    public init(wakeups: WakeSignal = WakeSignal(), stackSize: Int? = nil) {
        self.wakeups = wakeups
        self.stackSize = stackSize
    }

    /// Starts one thread per member, unless the group already runs.
    ///
    /// - Parameter prepare: runs once before any thread starts, only when the group was not
    ///   running (recovery work that must precede the loops).
    /// - Returns: false (and starts nothing) when the group was already running.
    @discardableResult
    public func start(_ members: [Member], prepare: () -> Void = {}) -> Bool {
        let begin = lifecycle.withLock { () -> Bool in
            guard phase != .running else { return false }
            phase = .running
            // Added, not set: threads of an earlier run may still be ending.
            liveThreads += members.count
            return true
        }
        guard begin else { return false }
        prepare()
        for member in members {
            let thread = Thread { [self] in
                member.body(self)
                lifecycle.withLock {
                    liveThreads -= 1
                    lifecycle.broadcast()
                }
            }
            thread.name = member.name
            if let stackSize { thread.stackSize = stackSize }
            thread.start()
        }
        return true
    }

    /// Whether the group was told to stop (and has not been started again). False before the
    /// first `start()`.
    public var isStopping: Bool {
        lifecycle.withLock { phase == .stopped }
    }

    /// Whether its threads run (started and not told to stop).
    public var isRunning: Bool {
        lifecycle.withLock { phase == .running }
    }

    /// Sleeps until `deadline` (for ever when nil), a wake-up after `seen`, or `stop()`.
    public func sleep(since seen: Int, until deadline: Date?) {
        guard !isStopping else { return }
        // `stop()` raises the flag before it wakes, so a stop after the check above still ends the wait.
        wakeups.wait(since: seen, until: deadline)
    }

    /// Tells every thread to stop, runs `interrupt` (cut work in flight short), wakes the
    /// sleepers and waits until the last thread ended, for at most `timeout` when given.
    ///
    /// - Returns: false when threads were still running at the timeout (they still end on
    ///   their own); true when all ended or the group was not running.
    @discardableResult
    public func stop(timeout: TimeInterval? = nil, interrupt: () -> Void = {}) -> Bool {
        let wasRunning = lifecycle.withLock { () -> Bool in
            guard phase == .running else { return false }
            phase = .stopped
            return true
        }
        guard wasRunning else { return waitForThreads(until: timeout.map { Date().addingTimeInterval($0) }) }
        interrupt()
        wakeups.wake()
        return waitForThreads(until: timeout.map { Date().addingTimeInterval($0) })
    }

    private func waitForThreads(until deadline: Date?) -> Bool {
        lifecycle.withLock {
            while liveThreads > 0 {
                if let deadline {
                    if !lifecycle.wait(until: deadline) { return liveThreads == 0 }
                } else {
                    lifecycle.wait()
                }
            }
            return true
        }
    }
}
