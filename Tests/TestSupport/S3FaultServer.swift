import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny loopback stand-in in front of (or instead of) an S3 server, for the failures a real
/// server will not produce on demand: 503 storms, error documents of other implementations
/// (quota codes, wrong-region answers), hangs and answers cut off mid-body.
///
/// Each accepted connection takes the next behaviour of `script`, then `fallback` for every
/// later one. Answers close their connection, so a client's retry arrives on a new one and takes
/// the next behaviour; forwarded connections pass bytes unchanged to the upstream, Host header
/// included, so a real server still checks the client's signatures.
public final class S3FaultServer: @unchecked Sendable {
    public enum Behavior: Sendable {
        /// Reads the whole request, answers `status` with `headers` and `body`, closes.
        case respond(status: Int, headers: [String] = [], body: String = "")
        /// Pipes the connection to 127.0.0.1:`upstream` both ways.
        case forward(upstream: Int)
        /// Pipes the connection, but closes it after `responseBytes` bytes of the answer.
        case forwardTruncated(upstream: Int, responseBytes: Int)
        /// Reads the request and never answers (until the server stops).
        case hang
    }

    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let listener: Int32
    private let state: NSLock = NSLock()
    private var script: [Behavior]
    private let fallback: Behavior
    private var accepted = 0
    private var open: Set<Int32> = []
    private var stopped = false

    public init(script: [Behavior], then fallback: Behavior) throws {
        self.script = script
        self.fallback = fallback
        (listener, port) = try LoopbackSocket.listen()
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// Connections accepted so far.
    public var connections: Int {
        state.lock()
        defer { state.unlock() }
        return accepted
    }

    /// Closes the listener and every open connection.
    public func stop() {
        state.lock()
        let wasStopped = stopped
        stopped = true
        let descriptors = open
        open = []
        state.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for descriptor in descriptors { shutdown(descriptor, Int32(SHUT_RDWR)) }
    }

    /// An S3 error document.
    public static func errorDocument(code: String, message: String, extra: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>\(message)</Message>\(extra)<RequestId>fault</RequestId></Error>"
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            state.lock()
            if stopped {
                state.unlock()
                close(client)
                return
            }
            accepted += 1
            let behavior = script.isEmpty ? fallback : script.removeFirst()
            open.insert(client)
            state.unlock()
            Thread { [self] in
                handle(client, behavior)
                state.lock()
                open.remove(client)
                state.unlock()
                close(client)
            }.start()
        }
    }

    private func handle(_ client: Int32, _ behavior: Behavior) {
        switch behavior {
        case .respond(let status, let headers, let body):
            guard readRequest(client) else { return }
            let bytes = Array(body.utf8)
            var head = "HTTP/1.1 \(status) Fault\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n"
            if !body.isEmpty { head += "Content-Type: application/xml\r\n" }
            for header in headers { head += header + "\r\n" }
            LoopbackSocket.write(client, Array((head + "\r\n").utf8) + bytes)
        case .forward(let upstream):
            pipe(client, upstream: upstream, limit: nil)
        case .forwardTruncated(let upstream, let responseBytes):
            pipe(client, upstream: upstream, limit: responseBytes)
        case .hang:
            _ = readRequest(client)
            while !LoopbackSocket.read(client).isEmpty {}
        }
    }

    /// Reads one request head and its Content-Length body.
    private func readRequest(_ client: Int32) -> Bool {
        var data: [UInt8] = []
        let end = Array("\r\n\r\n".utf8)
        while true {
            let chunk = LoopbackSocket.read(client)
            guard !chunk.isEmpty else { return false }
            data += chunk
            guard let headEnd = data.firstRange(of: end)?.upperBound else { continue }
            let head = String(decoding: data[..<headEnd], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            var have = data.count - headEnd
            while have < length {
                let more = LoopbackSocket.read(client)
                guard !more.isEmpty else { return false }
                have += more.count
            }
            return true
        }
    }

    private func pipe(_ client: Int32, upstream port: Int, limit: Int?) {
        guard let upstream = LoopbackSocket.connect(port: port) else { return }
        defer { close(upstream) }
        let done = DispatchSemaphore(value: 0)
        Thread {
            while true {
                let chunk = LoopbackSocket.read(client)
                if chunk.isEmpty || !LoopbackSocket.write(upstream, chunk) { break }
            }
            shutdown(upstream, Int32(SHUT_WR))
            done.signal()
        }.start()
        var sent = 0
        while true {
            var chunk = LoopbackSocket.read(upstream)
            if chunk.isEmpty { break }
            if let limit {
                chunk = Array(chunk.prefix(limit - sent))
                sent += chunk.count
            }
            if !LoopbackSocket.write(client, chunk) { break }
            if let limit, sent >= limit { break }
        }
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(upstream, Int32(SHUT_RDWR))
        done.wait()
    }
}
