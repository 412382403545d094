import Foundation
import Glibc

/// One `GET /metrics` over a plain TCP socket (HTTP/1.1, `Connection: close`): all `stylify admin
/// stats` needs, without a client library. Plain `http://` only; the operator's server listens on a
/// private address, and TLS would sit in front of it.
struct MetricsScrape {
    /// Why the figures could not be fetched.
    enum Failure: Error, CustomStringConvertible {
        /// The URL is not `http://host[:port]`.
        case invalidURL(String)
        /// Name lookup, connect, send or receive failed.
        case unreachable(url: String, reason: String)
        /// The server answered, but not with 200 and a body.
        case refused(url: String, status: Int, body: String)
        /// The answer is not HTTP/1.x.
        case malformedResponse(url: String, reason: String)

        var description: String {
            switch self {
            case .invalidURL(let url): "invalid server URL \(url): expected http://host[:port]"
            case .unreachable(let url, let reason): "cannot reach the server at \(url): \(reason)"
            case .refused(let url, let status, let body): "\(url)/metrics answered \(status): \(body)"
            case .malformedResponse(let url, let reason): "\(url)/metrics sent a malformed response: \(reason)"
            }
        }
    }

    let host: String
    let port: Int
    /// `http://host:port`, for messages.
    let url: String
    var timeoutSeconds = 10

    init(url text: String) throws {
        var rest = Substring(text)
        guard rest.lowercased().hasPrefix("http://") else { throw Failure.invalidURL(text) }
        rest = rest.dropFirst("http://".count)
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...].allSatisfy({ $0 == "/" }) else { throw Failure.invalidURL(text) }
            rest = rest[..<slash]
        }
        var hostPart: Substring
        var portPart: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw Failure.invalidURL(text) }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Failure.invalidURL(text) }
                portPart = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
        } else {
            hostPart = rest
        }
        let port = portPart.map { Int($0) } ?? 80
        guard !hostPart.isEmpty, let port, (1...65535).contains(port) else { throw Failure.invalidURL(text) }
        host = String(hostPart)
        self.port = port
        url = host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// The body of `GET /metrics`.
    func fetch(token: String?) throws -> String {
        let fd = try connect()
        defer { close(fd) }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var request = "GET /metrics HTTP/1.1\r\nHost: \(authority)\r\nUser-Agent: stylify-admin-stats\r\nAccept: text/plain\r\n"
        if let token { request += "Authorization: Bearer \(token)\r\n" }
        request += "Connection: close\r\n\r\n"
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Failure.unreachable(url: url, reason: "send: \(String(cString: strerror(errno)))") }
            sent += n
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw Failure.unreachable(url: url, reason: "receive: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            response += buffer[..<n]
            if response.count > 256 << 20 { throw Failure.malformedResponse(url: url, reason: "more than 256 MiB") }
        }
        return try body(of: response)
    }

    private func connect() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw Failure.unreachable(url: url, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            // Linux applies the send timeout to connect(2) as well.
            var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return fd }
            reason = String(cString: strerror(errno))
            close(fd)
        }
        throw Failure.unreachable(url: url, reason: reason)
    }

    /// Status line, headers, then the body (Content-Length, chunked, or up to the close).
    private func body(of response: [UInt8]) throws -> String {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = response.indices.dropLast(3).first(where: { response[$0..<($0 + 4)].elementsEqual(separator) }) else {
            throw Failure.malformedResponse(url: url, reason: "no complete header section")
        }
        let head = String(decoding: response[..<end], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = head.first?.split(separator: " ", maxSplits: 2) ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw Failure.malformedResponse(url: url, reason: "bad status line \(head.first.map(String.init) ?? "")")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(response[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try dechunk(body)
        } else if let length = headers["content-length"].flatMap({ Int($0) }) {
            guard body.count >= length else { throw Failure.malformedResponse(url: url, reason: "body shorter than Content-Length") }
            body = Array(body.prefix(length))
        }
        let text = String(decoding: body, as: UTF8.self)
        guard status == 200 else { throw Failure.refused(url: url, status: status, body: Self.problemDetail(text)) }
        return text
    }

    private func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw Failure.malformedResponse(url: url, reason: "truncated chunk")
            }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
                .split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                throw Failure.malformedResponse(url: url, reason: "bad chunk size \(sizeText)")
            }
            if size == 0 { return out }
            let start = lineEnd + 1
            guard start + size <= bytes.count else { throw Failure.malformedResponse(url: url, reason: "truncated chunk") }
            out += bytes[start..<(start + size)]
            index = min(bytes.count, start + size + 2)
        }
    }

    /// The `detail` of a problem document, or the body itself.
    private static func problemDetail(_ body: String) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let detail = object["detail"] as? String
        {
            return detail
        }
        return String(body.prefix(200))
    }
}
