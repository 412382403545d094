import Foundation

/// A value behind a pthread-based lock. Used instead of `Synchronization.Mutex`, whose raw-futex
/// implementation ThreadSanitizer cannot see, so the sanitizer run stays meaningful.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
