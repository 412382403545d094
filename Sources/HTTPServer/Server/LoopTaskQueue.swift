import CEpoll
import Common
import Glibc

/// The tasks other threads queue for one event loop, and the eventfd that wakes the loop for them.
/// The eventfd lives as long as this object, which every queued task's connection keeps alive: a
/// worker finishing after shutdown may still `execute`, harmlessly.
final class LoopTaskQueue: LoopExecutor {
    let wakeFD: Int32
    private let tasks = Locked<[@Sendable () -> Void]>([])

    init() throws {
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw Sockets.Failure("eventfd") }
    }

    deinit { close(wakeFD) }

    func execute(_ task: @escaping @Sendable () -> Void) {
        let wasEmpty = tasks.withLock { queue in
            queue.append(task)
            return queue.count == 1
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    /// Runs what is queued; called on the loop's thread when the eventfd is readable.
    func runQueued() {
        var counter: UInt64 = 0
        _ = read(wakeFD, &counter, 8)
        let batch = tasks.withLock { queue in
            let taken = queue
            queue.removeAll(keepingCapacity: true)
            return taken
        }
        for task in batch { task() }
    }
}
