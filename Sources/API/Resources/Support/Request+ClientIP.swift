import HTTPServer

extension Request {
    /// The peer's IP address without the port (`203.0.113.7`, `::1`), for per-client limits.
    /// It is the TCP peer: behind a reverse proxy that is the proxy, and forwarded headers are not
    /// trusted until a trusted-proxy setting exists.
    var clientIP: String {
        let address = remoteAddress
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            return String(address[address.index(after: address.startIndex)..<close])
        }
        if let colon = address.lastIndex(of: ":") { return String(address[..<colon]) }
        return address
    }
}
