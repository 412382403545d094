import Foundation

/// The in-process client's "event loop": tasks that workers, spool writers and stream producers hand
/// back to the connection wait here until the client's thread runs them.
final class InProcessExecutor: LoopExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var tasks: [@Sendable () -> Void] = []

    func execute(_ task: @escaping @Sendable () -> Void) {
        condition.lock()
        tasks.append(task)
        condition.signal()
        condition.unlock()
    }

    /// Takes every queued task; with a deadline, first waits until one is queued or the deadline passes.
    func take(waitingUntil deadline: Date?) -> [@Sendable () -> Void] {
        condition.lock()
        defer { condition.unlock() }
        if let deadline {
            while tasks.isEmpty, condition.wait(until: deadline) {}
        }
        let batch = tasks
        tasks = []
        return batch
    }
}
