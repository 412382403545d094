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
            if let socketAddress = entry.pointee.ai_addr {
                switch entry.pointee.ai_family {
                case AF_INET:
                    let v4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    found.append(IPAddress(bytes: withUnsafeBytes(of: v4) { Array($0) }))
                case AF_INET6:
                    let v6 = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    found.append(IPAddress(bytes: withUnsafeBytes(of: v6) { Array($0) }))
                default:
                    break
                }
            }
            cursor = entry.pointee.ai_next
        }
        var seen = Set<IPAddress>()
        let distinct = found.filter { seen.insert($0).inserted }
        return distinct.filter(\.isIPv4) + distinct.filter { !$0.isIPv4 }
    }
}
