import Common
import Foundation

/// A flag an attempt in flight polls (libcurl's progress callback, about once a second or
/// sooner), so `stop()` does not wait out a slow receiver's whole timeout.
package final class AbortSignal: Sendable {
    private let raised = Locked(false)

    var isRaised: Bool {
        raised.withLock { $0 }
    }

    func set(_ value: Bool) {
        raised.withLock { $0 = value }
    }
}
