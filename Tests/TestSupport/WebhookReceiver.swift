import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 receiver on 127.0.0.1 (port 0) that records every request it gets and
/// answers `failureStatus` (500) to the first `failures` of them, 200 after. One connection at a
/// time, closed after each answer: enough for webhook deliveries. `silent` ones never accept a
/// connection (the kernel completes the handshake, nobody answers): a receiver that hangs.
public final class WebhookReceiver: @unchecked Sendable {
    public struct Received: Sendable {
        public let method: String
        public let path: String
        /// Header names lowercased.
        public let headers: [String: String]
        public let body: [UInt8]
        public let at: Date
    }

    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)/hooks" }

    private let listener: Int32
    private let condition = NSCondition()
    private var received: [Received] = []
    private var failuresLeft: Int
    private var closed = false
    private let failureStatus: Int
    private let failureHeaders: [String]
    private let answerBodyBytes: Int

    /// - Parameters:
    ///   - failureHeaders: extra header lines of the failing answers (`Location: …`).
    ///   - answerBodyBytes: the size of every answer's body.
    public init(failures: Int = 0, failureStatus: Int = 500, failureHeaders: [String] = [], answerBodyBytes: Int = 2,
                silent: Bool = false) throws {
        failuresLeft = failures
        self.failureStatus = failureStatus
        self.failureHeaders = failureHeaders
        self.answerBodyBytes = answerBodyBytes
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { close(listener); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        guard !silent else { return }
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Every request so far.
    public var requests: [Received] {
        condition.withLock { received }
    }

    /// Waits until at least `count` requests arrived; returns them all (possibly fewer on timeout).
    public func waitForRequests(_ count: Int, timeout: TimeInterval = 30) -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while received.count < count, condition.wait(until: deadline) {}
            return received
        }
    }

    /// Answers 500 to the next `count` requests.
    public func fail(next count: Int) {
        condition.withLock { failuresLeft = count }
    }

    public func stop() {
        condition.withLock { closed = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if condition.withLock({ closed }) { return }
                if errno == EINTR { continue }
                return
            }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            if let end = headerEnd, buffer.count >= end + contentLength { break }
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { return }
            buffer.append(contentsOf: chunk[0..<count])
            if headerEnd == nil, let range = Self.find([13, 10, 13, 10], in: buffer) {
                headerEnd = range + 4
                let head = String(decoding: buffer[0..<range], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
        }
        guard let end = headerEnd else { return }
        let head = String(decoding: buffer[0..<(end - 4)], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let request = Received(
            method: requestLine.count > 0 ? String(requestLine[0]) : "", path: requestLine.count > 1 ? String(requestLine[1]) : "",
            headers: headers, body: Array(buffer[end..<(end + contentLength)]), at: Date())
        let failing: Bool = condition.withLock {
            received.append(request)
            condition.broadcast()
            guard failuresLeft > 0 else { return false }
            failuresLeft -= 1
            return true
        }
        let status = failing ? failureStatus : 200
        let extra = failing ? failureHeaders.map { $0 + "\r\n" }.joined() : ""
        let answerHead = "HTTP/1.1 \(status) Answer\r\n\(extra)Content-Length: \(answerBodyBytes)\r\nConnection: close\r\n\r\n"
        let answer = Array(answerHead.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: answerBodyBytes)
        var offset = 0
        while offset < answer.count {
            // MSG_NOSIGNAL: a client that hung up early must not kill the test process with SIGPIPE.
            let written = answer[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return }
            offset += written
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
