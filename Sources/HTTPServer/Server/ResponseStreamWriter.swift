import Foundation

/// Given to a `ResponseStream` producer: each `write` sends one chunk. Blocks while too much is queued
/// for a slow client, and throws once the connection is gone so the producer can stop.
public final class ResponseStreamWriter: @unchecked Sendable {
    private let condition = NSCondition()
    private var queuedBytes = 0
    private var cancelled = false
    private let highWater: Int
    private let deliver: @Sendable ([UInt8]) -> Void

    init(highWater: Int = 512 * 1024, deliver: @escaping @Sendable ([UInt8]) -> Void) {
        self.highWater = highWater
        self.deliver = deliver
    }

    /// Sends `bytes` as one chunk (empty writes are ignored: an empty chunk would end the body).
    public func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        condition.lock()
        while queuedBytes > highWater && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw HTTPError(.serviceUnavailable, code: "connection_closed", detail: "The client went away.")
        }
        queuedBytes += bytes.count
        condition.unlock()
        deliver(bytes)
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Called by the connection when its queue has drained.
    func drained() {
        condition.lock()
        queuedBytes = 0
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
