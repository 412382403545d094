import Foundation
import Glibc

/// A minimal HTTP/1.1 client over a real TCP socket: one request per connection
/// (`Connection: close`), so every test exchange is exactly the bytes it names and nothing a
/// client library adds (no retries, no auth-challenge handling, no cookies).
struct HTTPClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A complete response.
    struct Response {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object (problem documents included).
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw Failure(description: "body is not a JSON object: \(text)")
            }
            return object
        }
    }

    let port: Int
    var timeoutSeconds = 10

    init(port: Int) {
        self.port = port
    }

    func get(_ target: String, token: String? = nil, headers: [(String, String)] = []) throws -> Response {
        try send("GET", target, token: token, headers: headers)
    }

    func delete(_ target: String, token: String? = nil) throws -> Response {
        try send("DELETE", target, token: token)
    }

    /// POSTs `json` (a dictionary/array encoded with JSONSerialization) as `application/json`.
    func post(_ target: String, json: Any, token: String? = nil) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: json)
        return try send("POST", target, token: token, headers: [("Content-Type", "application/json")], body: [UInt8](body))
    }

    /// Sends any request. `token` becomes `Authorization: Bearer <token>`.
    func send(
        _ method: String, _ target: String, token: String? = nil, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> Response {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let fd = try connect()
        defer { close(fd) }
        try write(fd, Array(head.utf8) + body)
        return try parse(readAll(fd))
    }

    /// Sends `bytes` exactly as given (head and body, for framings `send` does not write, such as
    /// chunked) and reads the response.
    func exchange(raw bytes: [UInt8]) throws -> Response {
        let fd = try connect()
        defer { close(fd) }
        try write(fd, bytes)
        return try parse(readAll(fd))
    }

    private func connect() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect to port \(port): errno \(errno)")
        }
        return fd
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += sent
        }
    }

    private func readAll(_ fd: Int32) throws -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                data.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return data
            } else if errno == EINTR {
                continue
            } else if errno == ECONNRESET, !data.isEmpty {
                return data
            } else {
                throw Failure(description: "recv: errno \(errno) after \(data.count) bytes")
            }
        }
    }

    private func parse(_ data: [UInt8]) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = data.indices.first(where: { data[$0...].starts(with: separator) }) else {
            throw Failure(description: "no complete response head in \(data.count) bytes")
        }
        let lines = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(lines[0])")
        }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(data[(end + 4)...])
        if let length = headers.first(where: { $0.name.lowercased() == "content-length" }).flatMap({ Int($0.value) }) {
            guard body.count >= length else { throw Failure(description: "body shorter than Content-Length") }
            body = Array(body.prefix(length))
        }
        return Response(status: status, headers: headers, body: body)
    }
}
