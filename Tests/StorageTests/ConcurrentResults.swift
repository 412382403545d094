import Foundation

/// Collects results from `DispatchQueue.concurrentPerform` iterations.
final class ConcurrentResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>] = []

    func append(_ result: Result<T, any Error>) {
        lock.lock()
        results.append(result)
        lock.unlock()
    }

    var all: [Result<T, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
