import Foundation
import Storage

extension PostgresDatabase: SQLWakeupSource {
    public func makeWakeupListener(channel: String) throws -> any SQLWakeupListener {
        try makeListener(channels: [channel])
    }
}

extension PostgresListener: SQLWakeupListener {
    public func waitForWakeup(timeout: TimeInterval) throws -> Bool {
        switch try wait(timeout: timeout) {
        case .notified, .reconnected: true
        case .timedOut: false
        }
    }
}
