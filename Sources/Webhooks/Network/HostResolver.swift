#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a host name with getaddrinfo, so the SSRF rule judges the very address that is then
/// pinned for the connection (`CURLOPT_RESOLVE`): DNS rebinding cannot swap it in between.
enum HostResolver {
    struct Failure: Error {
        let message: String
    }

    /// The address a numeric host stands for in any form the C library accepts (`127.1`,
    /// `0x7f000001`, `2130706433`, `::1`), without DNS; nil for a name.
    static func numericAddress(_ host: String) -> IPAddress? {
        if let literal = IPAddress(host) { return literal }
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(first) }
        return address(of: first.pointee)
    }

    /// Every address of `host` (a numeric address is returned as is), IPv4 first.
    static func addresses(of host: String) throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(message: "could not resolve host \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var found: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = address(of: entry.pointee) { found.append(address) }
            cursor = entry.pointee.ai_next
        }
        var seen = Set<IPAddress>()
        let distinct = found.filter { seen.insert($0).inserted }
        return distinct.filter(\.isIPv4) + distinct.filter { !$0.isIPv4 }
    }

    private static func address(of entry: addrinfo) -> IPAddress? {
        guard let socketAddress = entry.ai_addr else { return nil }
        switch entry.ai_family {
        case AF_INET:
            let v4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            return IPAddress(bytes: withUnsafeBytes(of: v4) { Array($0) })
        case AF_INET6:
            let v6 = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            return IPAddress(bytes: withUnsafeBytes(of: v6) { Array($0) })
        default:
            return nil
        }
    }
}
