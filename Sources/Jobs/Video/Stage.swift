import Foundation

/// One pipeline stage on its own thread, returning the time it spent working or its error.
final class Stage: @unchecked Sendable {
    private let thread: Thread
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var outcome: Result<Duration, any Error> = .success(.zero)
    /// Called on the stage's thread when its body throws, before `join` returns (to stop the others).
    var onFailure: (@Sendable (any Error) -> Void)?

    init(name: String, body: @escaping @Sendable () throws -> Duration) {
        let box = Box()
        thread = Thread {
            box.stage?.execute(body)
            box.stage = nil
        }
        thread.name = name
        box.stage = self
    }

    func start() {
        thread.start()
    }

    /// Waits for the stage to end and returns its working time, or throws its error.
    func join() throws -> Duration {
        done.wait()
        return try lock.withLock { outcome }.get()
    }

    private func execute(_ body: @Sendable () throws -> Duration) {
        let result = Result { try body() }
        if case .failure(let error) = result { onFailure?(error) }
        lock.withLock { outcome = result }
        done.signal()
    }

    /// Lets the thread's closure reach the stage that owns the thread; cleared when the body
    /// ends, which breaks the stage → thread → closure → stage cycle.
    private final class Box: @unchecked Sendable {
        var stage: Stage?
    }
}
