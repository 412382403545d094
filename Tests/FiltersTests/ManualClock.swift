import Foundation
import Quotas

/// A clock tests move by hand; starts at the real current time (blob files get real
/// modification times, so the sweeper's grace period is measured on the same scale).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date()) {
        current = start
    }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }

    var quotaClock: QuotaClock {
        QuotaClock { self.now }
    }
}
