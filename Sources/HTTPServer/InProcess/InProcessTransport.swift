import Glibc

/// A connection's stream in memory, for `InProcessClient`: what the client sent waits in `inbound`
/// (the socket's receive queue) and is read at most `readSize` bytes at a time, so a test can make
/// a request arrive in pieces; what the server writes lands in `output`, file regions included
/// (read with `pread`), and is never refused.
final class InProcessTransport: ConnectionTransport {
    private var inbound: [UInt8] = []
    private var readOffset = 0
    private let buffer: UnsafeMutableRawBufferPointer
    /// The most one read returns; at most the buffer's size.
    var readSize: Int {
        didSet { readSize = min(max(1, readSize), buffer.count) }
    }
    /// The client has finished sending: reads report the end once `inbound` is empty.
    var inputEnded = false
    /// Everything the server has written.
    private(set) var output: [UInt8] = []
    /// The server half-closed (a final response, then lingering).
    private(set) var outputShut = false
    private(set) var closed = false
    /// A file region could not be read: the next flush fails, as `sendfile` would.
    private var fileFailed = false

    init(bufferSize: Int = 128 * 1024) {
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        readSize = bufferSize
    }

    deinit { buffer.deallocate() }

    /// Bytes the client sends.
    func receive(_ bytes: [UInt8]) { inbound.append(contentsOf: bytes) }

    func read() -> TransportRead {
        if closed { return .failed }
        let available = inbound.count - readOffset
        if available == 0 { return inputEnded ? .end : .wouldBlock }
        let count = min(available, readSize)
        inbound.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[readOffset..<(readOffset + count)]))
        }
        readOffset += count
        if readOffset == inbound.count {
            inbound.removeAll(keepingCapacity: true)
            readOffset = 0
        }
        return .bytes(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), drained: false)
    }

    func write(head: [UInt8], body: [UInt8]) -> OutputQueue.FlushResult {
        guard !closed, !outputShut else { return .failed }
        output.append(contentsOf: head)
        output.append(contentsOf: body)
        return .done
    }

    func enqueue(_ bytes: [UInt8], from offset: Int) {
        if offset < bytes.count { output.append(contentsOf: bytes[offset...]) }
    }

    func enqueueFile(fd: Int32, offset: Int64, length: Int64) {
        defer { Glibc.close(fd) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var position = offset
        var remaining = length
        while remaining > 0 {
            let count = chunk.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress, Int(min(remaining, Int64(raw.count))), off_t(position))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                // The file shrank or cannot be read: the response is cut short, as with sendfile.
                fileFailed = true
                return
            }
            output.append(contentsOf: chunk[0..<count])
            position += Int64(count)
            remaining -= Int64(count)
        }
    }

    func flush() -> OutputQueue.FlushResult { closed || fileFailed ? .failed : .done }

    var hasQueuedOutput: Bool { false }

    func shutdownOutput() { outputShut = true }

    func close() { closed = true }
}
