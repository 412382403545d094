/// Where S3 requests go: scheme, host and port, without a path.
public struct S3Endpoint: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    /// Nil for the scheme's default port.
    public let port: Int?

    public init(scheme: String, host: String, port: Int?) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// AWS's regional endpoint, `https://s3.<region>.amazonaws.com`.
    public static func aws(region: String) -> S3Endpoint {
        S3Endpoint(scheme: "https", host: "s3.\(region).amazonaws.com", port: nil)
    }

    /// The `Host` header for `host` (with the port when it is not the default one).
    func authority(host: String) -> String {
        port.map { "\(host):\($0)" } ?? host
    }

    /// Whether the host is a literal IPv4 or IPv6 address (no virtual-host addressing then).
    var isIPAddress: Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }

    public var description: String {
        "\(scheme)://\(authority(host: host.contains(":") ? "[\(host)]" : host))"
    }
}
