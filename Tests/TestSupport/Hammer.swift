import Foundation

/// Runs one operation from many threads at once, for admission tests: each thread starts at the
/// same moment (a barrier), runs `each` attempts one after another, and every outcome is kept.
/// Threads are real threads (not a pool sized to the cores), so attempts truly overlap.
public enum Hammer {
    /// - Returns: the outcomes of every attempt, in no particular order.
    public static func run<T: Sendable>(threads: Int, each: Int = 1,
                                        _ body: @escaping @Sendable (_ thread: Int, _ attempt: Int) throws -> T) -> [Result<T, any Error>] {
        let outcomes = Outcomes<T>()
        let gate = Gate()
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            let worker = Thread {
                gate.wait()
                for attempt in 0..<each { outcomes.append(Result { try body(thread, attempt) }) }
                group.leave()
            }
            worker.start()
        }
        // Give every thread the chance to reach the gate, then open it for all of them.
        Thread.sleep(forTimeInterval: 0.05)
        gate.open()
        group.wait()
        return outcomes.all
    }
}

private final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}

private final class Outcomes<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>] = []

    func append(_ result: Result<T, any Error>) {
        lock.withLock { results.append(result) }
    }

    var all: [Result<T, any Error>] { lock.withLock { results } }
}

extension Result {
    /// The success value, or nil for a failure (for counting outcomes).
    public var value: Success? {
        if case .success(let value) = self { return value }
        return nil
    }

    /// The error, or nil for a success.
    public var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
