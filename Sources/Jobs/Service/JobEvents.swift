import Common
import Foundation

/// Tells everyone in this process that a job changed: the observers (webhooks, pins), the
/// callers of `JobService.wait(for:)` and the idle workers, who all sleep on `changes`.
///
/// `observers` guards the list of observers; `changes` has its own lock (the wake-up count).
final class JobEvents: Sendable {
    /// Woken on every change (new work, a job ending, stop): workers and waiters sleep on it, so
    /// they wake without polling. The workers' `ThreadGroup` shares it, so `stop()` wakes it too.
    let changes = WakeSignal()
    private let observers = Locked<[@Sendable (Job) -> Void]>([])
    private let progressObservers = Locked<[@Sendable (JobProgressUpdate) -> Void]>([])
    private let queue: JobQueue

    init(queue: JobQueue) {
        self.queue = queue
    }

    func addObserver(_ observer: @escaping @Sendable (Job) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Wakes every sleeper and calls the observers with the job as it is now, on this thread.
    func notify(_ id: JobID) {
        guard let job = try? queue.job(id) else { return }
        changes.wake()
        for observer in observers.withLock({ $0 }) { observer(job) }
    }

    func addProgressObserver(_ observer: @escaping @Sendable (JobProgressUpdate) -> Void) {
        progressObservers.withLock { $0.append(observer) }
    }

    /// Calls the progress observers, on this thread (a render pipeline's).
    func notifyProgress(_ update: JobProgressUpdate) {
        for observer in progressObservers.withLock({ $0 }) { observer(update) }
    }

    /// Wakes idle workers and waiters (freed or new work), without a job to report.
    func wake() {
        changes.wake()
    }
}
