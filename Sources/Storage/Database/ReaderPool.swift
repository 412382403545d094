import Foundation

/// A fixed set of read-only connections. In WAL mode readers see the last committed snapshot and
/// never wait for the writer, so reads scale with the pool size rather than queueing behind writes.
final class ReaderPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [Connection]

    init(_ connections: [Connection]) {
        idle = connections
    }

    func withConnection<T>(_ body: (Connection) throws -> T) rethrows -> T {
        condition.lock()
        while idle.isEmpty { condition.wait() }
        let connection = idle.removeLast()
        condition.unlock()
        defer {
            condition.lock()
            idle.append(connection)
            condition.signal()
            condition.unlock()
        }
        return try body(connection)
    }
}
