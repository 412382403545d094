import Foundation

/// A counter of wake-ups behind a condition: sleepers note the count, look for work, and sleep
/// only if nothing woke them since, so a wake-up between the look and the sleep is never lost.
///
/// The condition guards the counter and nothing else.
public final class WakeSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var generation = 0

    public init() {}

    /// The number of wake-ups so far; pass it to `wait(since:until:)`.
    public var current: Int {
        condition.withLock { generation }
    }

    /// Wakes every sleeper.
    public func wake() {
        condition.withLock {
            generation &+= 1
            condition.broadcast()
        }
    }

    /// Sleeps until `deadline` (for ever when nil) unless a wake-up came after `seen`.
    ///
    /// - Returns: whether it was woken (rather than reaching the deadline).
    @discardableResult
    public func wait(since seen: Int, until deadline: Date?) -> Bool {
        condition.withLock {
            while generation == seen {
                if let deadline {
                    if !condition.wait(until: deadline) { return generation != seen }
                } else {
                    condition.wait()
                }
            }
            return true
        }
    }
}
