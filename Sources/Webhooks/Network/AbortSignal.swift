import Foundation

/// A flag an attempt in flight polls (libcurl's progress callback, about once a second or
/// sooner), so `stop()` does not wait out a slow receiver's whole timeout.
final class AbortSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    var isRaised: Bool {
        lock.withLock { raised }
    }

    func set(_ value: Bool) {
        lock.withLock { raised = value }
    }
}
