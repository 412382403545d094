import Foundation

/// The writing end of a `ResponseChannel`. `send` never blocks: each call queues one chunk for
/// the connection's loop. A client that stops reading while more than `limit` bytes are queued
/// is cut off (the body cannot wait for it without holding memory for ever), like a client that
/// makes no progress for the write timeout.
public final class ResponseChannelWriter: @unchecked Sendable {
    private let lock = NSLock()
    private var queuedBytes = 0
    private var closed = false
    private var closeHandlers: [@Sendable () -> Void] = []
    private let limit: Int
    private let deliver: @Sendable ([UInt8]) -> Void
    private let end: @Sendable () -> Void
    private let cut: @Sendable () -> Void

    init(limit: Int = 256 * 1024, deliver: @escaping @Sendable ([UInt8]) -> Void,
         end: @escaping @Sendable () -> Void, cut: @escaping @Sendable () -> Void) {
        self.limit = limit
        self.deliver = deliver
        self.end = end
        self.cut = cut
    }

    /// A writer whose body has ended already (`HEAD`, a status without a body).
    static func closed() -> ResponseChannelWriter {
        let writer = ResponseChannelWriter(deliver: { _ in }, end: {}, cut: {})
        writer.closed = true
        return writer
    }

    /// Whether the body is still open: false once it was finished or the connection went away.
    public var isOpen: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !closed
    }

    /// Queues `bytes` as one chunk (an empty send does nothing: an empty chunk would end the body).
    ///
    /// - Returns: false when the body is no longer open, or when this send would leave more than
    ///   the limit queued for a client that does not read: the connection is then closed.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        lock.lock()
        guard !closed else {
            lock.unlock()
            return false
        }
        guard bytes.isEmpty || queuedBytes + bytes.count <= limit else {
            lock.unlock()
            cut()
            markClosed()
            return false
        }
        queuedBytes += bytes.count
        lock.unlock()
        if !bytes.isEmpty { deliver(bytes) }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Ends the body: its last chunk goes out and the connection serves its next request (or
    /// closes). Later sends return false; calling it again does nothing.
    public func finish() {
        lock.lock()
        let wasOpen = !closed
        lock.unlock()
        guard wasOpen else { return }
        end()
        markClosed()
    }

    /// Runs `handler` once when the body ends (finished, or the connection went away), at once
    /// when it has ended already. It runs on whichever thread ended it: keep it short.
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        if closed {
            lock.unlock()
            handler()
            return
        }
        closeHandlers.append(handler)
        lock.unlock()
    }

    /// Called by the connection when its output queue has drained.
    func drained() {
        lock.lock()
        queuedBytes = 0
        lock.unlock()
    }

    /// Called by the connection when it closes or the exchange ends.
    func cancel() {
        markClosed()
    }

    private func markClosed() {
        lock.lock()
        guard !closed else {
            lock.unlock()
            return
        }
        closed = true
        let handlers = closeHandlers
        closeHandlers = []
        lock.unlock()
        for handler in handlers { handler() }
    }
}
