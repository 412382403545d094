import CEpoll
import Glibc

/// Bytes and file regions waiting for the socket to accept them.
struct OutputQueue {
    enum Item {
        case bytes([UInt8], offset: Int)
        case file(fd: Int32, offset: Int64, remaining: Int64)
    }

    private(set) var items: [Item] = []
    private var first = 0

    var isEmpty: Bool { first == items.count }

    mutating func append(_ bytes: [UInt8], from offset: Int = 0) {
        if offset < bytes.count { items.append(.bytes(bytes, offset: offset)) }
    }

    mutating func appendFile(fd: Int32, offset: Int64, length: Int64) {
        if length > 0 { items.append(.file(fd: fd, offset: offset, remaining: length)) } else { Glibc.close(fd) }
    }

    enum FlushResult {
        case done
        case blocked
        case failed
    }

    /// Writes as much as the socket takes; returns `.blocked` when it would block.
    mutating func flush(to socket: Int32) -> FlushResult {
        while first < items.count {
            switch items[first] {
            case .bytes(let bytes, let offset):
                let written = bytes.withUnsafeBytes { raw in
                    send(socket, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno == EAGAIN || errno == EWOULDBLOCK ? .blocked : .failed
                }
                if offset + written < bytes.count {
                    items[first] = .bytes(bytes, offset: offset + written)
                    return .blocked
                }
                first += 1
            case .file(let fileFD, let offset, let remaining):
                var position = off_t(offset)
                let written = sendfile(socket, fileFD, &position, Int(min(remaining, 1 << 30)))
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno == EAGAIN || errno == EWOULDBLOCK ? .blocked : .failed
                }
                if written == 0 { return .failed }  // the file shrank under us
                if Int64(written) < remaining {
                    items[first] = .file(fd: fileFD, offset: Int64(position), remaining: remaining - Int64(written))
                    continue
                }
                Glibc.close(fileFD)
                first += 1
            }
        }
        items.removeAll(keepingCapacity: true)
        first = 0
        return .done
    }

    /// Closes any file descriptors still queued.
    mutating func release() {
        for item in items[first...] {
            if case .file(let fileFD, _, _) = item { Glibc.close(fileFD) }
        }
        items.removeAll()
        first = 0
    }
}
