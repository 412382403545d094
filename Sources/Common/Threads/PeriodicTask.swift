import Foundation

/// Runs `body` on its own thread every `interval` (and once at start when asked) between
/// `start()` and `stop()`: the server's sweeps. A body in progress finishes before `stop()`
/// returns; the wait between runs ends at once.
public final class PeriodicTask: Sendable {
    public let name: String
    public let interval: TimeInterval
    private let runsAtStart: Bool
    private let body: @Sendable () -> Void
    private let group = ThreadGroup()

    /// - Parameters:
    ///   - name: the thread's name.
    ///   - runsAtStart: run once as soon as the thread starts, then every `interval`.
    public init(name: String, every interval: TimeInterval, runsAtStart: Bool, _ body: @escaping @Sendable () -> Void) {
        self.name = name
        self.interval = max(interval, 0.001)
        self.runsAtStart = runsAtStart
        self.body = body
    }

    /// Starts the thread; does nothing while it runs.
    public func start() {
        let (body, interval, runsAtStart) = (body, interval, runsAtStart)
        let loop: @Sendable (ThreadGroup) -> Void = { group in
            if runsAtStart, !group.isStopping { body() }
            while !group.isStopping {
                group.sleep(since: group.wakeups.current, until: Date().addingTimeInterval(interval))
                guard !group.isStopping else { return }
                body()
            }
        }
        group.start([(name, loop)])
    }

    /// Stops the thread, waiting for a run in progress (at most `timeout` when given).
    ///
    /// - Returns: false when the run had not finished at the timeout.
    @discardableResult
    public func stop(timeout: TimeInterval? = nil) -> Bool {
        group.stop(timeout: timeout)
    }
}
