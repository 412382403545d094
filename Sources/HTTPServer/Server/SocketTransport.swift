import Glibc

/// A connection's non-blocking TCP socket, driven by its `EventLoop`: `recv` into the loop's
/// shared receive buffer, one `writev` for a response head and its in-memory body, `sendfile` for
/// files (through `OutputQueue`), `shutdown(SHUT_WR)` to linger, `close`.
struct SocketTransport: ConnectionTransport {
    let fd: Int32
    /// The loop's receive buffer, shared by its connections (they are served one at a time).
    private let scratch: UnsafeMutableRawBufferPointer
    /// The loop to leave on close; it outlives every connection it holds.
    private unowned let eventLoop: EventLoop
    private var output = OutputQueue()

    init(fd: Int32, scratch: UnsafeMutableRawBufferPointer, eventLoop: EventLoop) {
        self.fd = fd
        self.scratch = scratch
        self.eventLoop = eventLoop
    }

    mutating func read() -> TransportRead {
        while true {
            let count = recv(fd, scratch.baseAddress, scratch.count, 0)
            if count > 0 {
                // A short read means the socket is empty; edge-triggered epoll reports the next arrival.
                return .bytes(UnsafeRawBufferPointer(rebasing: scratch[0..<count]), drained: count < scratch.count)
            }
            if count == 0 { return .end }
            let code = errno
            if code == EINTR { continue }
            return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed
        }
    }

    /// The common case: head and body in one `writev`; only what the socket refuses is copied and queued.
    mutating func write(head: [UInt8], body: [UInt8]) -> OutputQueue.FlushResult {
        if !output.isEmpty {
            output.append(head)
            output.append(body)
            return output.flush(to: fd)
        }
        let total = head.count + body.count
        var written = 0
        let fd = self.fd
        head.withUnsafeBytes { h in
            body.withUnsafeBytes { b in
                var vectors = (
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: h.baseAddress), iov_len: h.count),
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: b.baseAddress), iov_len: b.count)
                )
                repeat {
                    written = withUnsafePointer(to: &vectors) {
                        $0.withMemoryRebound(to: iovec.self, capacity: 2) { writev(fd, $0, b.count == 0 ? 1 : 2) }
                    }
                } while written < 0 && errno == EINTR
            }
        }
        if written == total { return .done }
        if written < 0 {
            if errno != EAGAIN && errno != EWOULDBLOCK { return .failed }
            written = 0
        }
        if written < head.count {
            output.append(head, from: written)
            output.append(body)
        } else {
            output.append(body, from: written - head.count)
        }
        return .blocked
    }

    mutating func enqueue(_ bytes: [UInt8], from offset: Int) { output.append(bytes, from: offset) }

    mutating func enqueueFile(fd fileFD: Int32, offset: Int64, length: Int64) {
        output.appendFile(fd: fileFD, offset: offset, length: length)
    }

    mutating func flush() -> OutputQueue.FlushResult { output.flush(to: fd) }

    var hasQueuedOutput: Bool { !output.isEmpty }

    mutating func shutdownOutput() { shutdown(fd, Int32(SHUT_WR)) }

    mutating func close() {
        Glibc.close(fd)
        output.release()
        eventLoop.remove(fd: fd)
    }
}
