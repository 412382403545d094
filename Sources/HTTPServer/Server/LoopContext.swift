/// What the connections served by one thread share: the time of the current wake-up, the buffers
/// reused for every response head, request ids, and the only way other threads reach them
/// (`execute`). An `EventLoop` owns one; so does an `InProcessClient`, whose clock moves only when
/// a test moves it. Touched only on its thread, except `execute`, which is why it can be
/// `@unchecked Sendable`.
final class LoopContext: @unchecked Sendable {
    let index: Int
    let shared: ServerShared
    let timeouts: ResolvedTimeouts
    private let executor: any LoopExecutor
    private let manualClock: Bool
    /// The time of the current wake-up (monotonic nanoseconds); connections use it instead of
    /// reading the clock again.
    var now: UInt64
    /// Set when the loop stops accepting for shutdown: no response keeps its connection alive.
    var draining = false
    /// Reused for every response head this thread serialises.
    var headBuffer: [UInt8] = []
    var dateCache = DateCache()
    var requestIDs: RequestIDGenerator

    init(index: Int, shared: ServerShared, executor: any LoopExecutor, now: UInt64, manualClock: Bool = false) {
        self.index = index
        self.shared = shared
        self.executor = executor
        self.now = now
        self.manualClock = manualClock
        timeouts = ResolvedTimeouts(shared.configuration.timeouts)
        requestIDs = RequestIDGenerator(loopIndex: index)
        headBuffer.reserveCapacity(1024)
    }

    /// Queues work for this context's thread (from any thread).
    func execute(_ task: @escaping @Sendable () -> Void) { executor.execute(task) }

    /// The time for measuring a finished response: the clock itself, or `now` under a manual clock
    /// (where the real clock and `now` are unrelated).
    func preciseNow() -> UInt64 { manualClock ? now : MonotonicClock.now() }
}

/// Runs tasks that other threads (workers, spool writers, stream producers) hand back to a loop.
protocol LoopExecutor: Sendable {
    func execute(_ task: @escaping @Sendable () -> Void)
}
