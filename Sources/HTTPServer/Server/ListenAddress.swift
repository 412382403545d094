/// A `host:port` to listen on, parsed from flags or the environment:
/// `127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:0`, `:8080` (all IPv4 interfaces) or a bare port.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(parsing text: String) throws {
        var hostPart: Substring
        var portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw Invalid(description: "unterminated [ in \(text)") }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw Invalid(description: "missing :port in \(text)") }
            portPart = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") { throw Invalid(description: "IPv6 addresses need brackets: [\(hostPart)]:port") }
        } else {
            hostPart = "127.0.0.1"
            portPart = text[...]
        }
        if hostPart.isEmpty { hostPart = "0.0.0.0" }
        guard let port = Int(portPart), (0...65535).contains(port) else {
            throw Invalid(description: "invalid port in \(text)")
        }
        self.init(host: String(hostPart), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
