import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP/1.1 origin (127.0.0.1, port 0) for URL-fetch tests: each path answers as its
/// `Answer` says — a file, a redirect, a status, a slow or a truncated body, or a body streamed
/// without `Content-Length`. One thread per connection, closed after each answer.
public final class MediaOrigin: @unchecked Sendable {
    public enum Answer: Sendable {
        /// 200 with the bytes and `Content-Type`.
        case file([UInt8], contentType: String)
        /// 200 without `Content-Length` (close-delimited), so only counting can bound it.
        case unsized([UInt8], contentType: String)
        /// `status` with a `Location` header.
        case redirect(String, status: Int = 302)
        /// A bare status with a short text body.
        case status(Int)
        /// Waits `seconds` before answering anything.
        case slow(seconds: Double)
        /// Declares `declared` bytes, sends `bytes`, then closes.
        case truncated([UInt8], declared: Int, contentType: String)
    }

    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var answers: [String: Answer] = [:]
    private var closed = false
    private var hits: [String] = []

    public init() throws {
        let (descriptor, port) = try LoopbackSocket.listen()
        listener = descriptor
        self.port = port
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func serve(_ path: String, _ answer: Answer) {
        lock.withLock { answers[path] = answer }
    }

    /// The paths requested so far, in order.
    public var requestedPaths: [String] { lock.withLock { hits } }

    public func stop() {
        lock.withLock { closed = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if lock.withLock({ closed }) { return }
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in
                handle(connection)
                close(connection)
            }
            thread.start()
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !buffer.ends(with: [13, 10, 13, 10]), buffer.count < 65536 {
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { return }
            buffer.append(contentsOf: chunk[0..<count])
        }
        let requestLine = String(decoding: buffer.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        let path = requestLine.count > 1 ? String(requestLine[1]) : "/"
        let answer: Answer? = lock.withLock {
            hits.append(path)
            return answers[path]
        }
        switch answer {
        case .file(let bytes, let type)?:
            send(connection, head(200, ["Content-Type: \(type)", "Content-Length: \(bytes.count)"]) + bytes)
        case .unsized(let bytes, let type)?:
            send(connection, head(200, ["Content-Type: \(type)"]))
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 16 * 1024)
                guard send(connection, Array(bytes[offset..<end])) else { return }
                offset = end
            }
        case .redirect(let location, let status)?:
            send(connection, head(status, ["Location: \(location)", "Content-Length: 0"]))
        case .status(let status)?:
            send(connection, head(status, ["Content-Type: text/plain", "Content-Length: 2"]) + Array("no".utf8))
        case .slow(let seconds)?:
            Thread.sleep(forTimeInterval: seconds)
            send(connection, head(204, ["Content-Length: 0"]))
        case .truncated(let bytes, let declared, let type)?:
            send(connection, head(200, ["Content-Type: \(type)", "Content-Length: \(declared)"]) + bytes)
        case nil:
            send(connection, head(404, ["Content-Type: text/plain", "Content-Length: 2"]) + Array("no".utf8))
        }
    }

    private func head(_ status: Int, _ headers: [String]) -> [UInt8] {
        Array("HTTP/1.1 \(status) Answer\r\n\((headers + ["Connection: close"]).map { $0 + "\r\n" }.joined())\r\n".utf8)
    }

    @discardableResult
    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a client that hung up early must not kill the test process with SIGPIPE.
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
