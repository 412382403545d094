import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few socket calls the loopback test servers need: listen on 127.0.0.1, connect, read and
/// write whole buffers, free ports.
public enum LoopbackSocket {
    /// A listening socket on 127.0.0.1 (`port` 0 picks a free one) and the port it got.
    public static func listen(port: Int = 0) throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// `count` ports that were free a moment ago (all held at once while choosing, so distinct).
    public static func freePorts(_ count: Int) throws -> [Int] {
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let (descriptor, port) = try listen()
            held.append(descriptor)
            ports.append(port)
        }
        return ports
    }

    /// A port nothing listens on: bound, then closed.
    public static func closedPort() throws -> Int {
        try freePorts(1)[0]
    }

    /// A connection to 127.0.0.1:`port`, or nil when refused.
    public static func connect(port: Int) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Writes all of `bytes`; false when the peer went away.
    @discardableResult
    public static func write(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Up to `count` bytes; empty at the end of the stream or on an error.
    public static func read(_ descriptor: Int32, upTo count: Int = 64 << 10) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count, 0) }
            if received < 0 && errno == EINTR { continue }
            return received > 0 ? Array(buffer.prefix(received)) : []
        }
    }

    /// A plain `GET path` answered with its status code, or nil when nobody answers.
    public static func httpStatus(port: Int, path: String) -> Int? {
        guard let descriptor = connect(port: port) else { return nil }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard write(descriptor, Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\nConnection: close\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: read(descriptor, upTo: 4096), as: UTF8.self)
        let parts = head.split(separator: " ", maxSplits: 2)
        return parts.count > 1 ? Int(parts[1]) : nil
    }
}
