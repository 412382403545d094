import Foundation

/// Where and how `RemoteFetcher` may fetch a client's `content_url` / `style_url`: the webhook
/// SSRF rule (`AddressPolicy`: public unicast addresses only), plus the hosts an operator names
/// for development and tests (`serve --fetch-allow-hosts 127.0.0.1,localhost`), which may then
/// resolve to internal addresses. Every hop of a redirect is judged again.
public struct RemoteFetchPolicy: Sendable {
    /// Host names or literal addresses (lowercased, IPv6 without brackets) exempt from the
    /// internal-address rule; empty by default.
    public let allowedHosts: Set<String>
    /// Redirects followed at most, each checked like the first URL.
    public let maxRedirects: Int
    public let connectTimeout: TimeInterval
    /// For the whole transfer of one hop, headers and body.
    public let totalTimeout: TimeInterval

    public init(allowedHosts: Set<String> = [], maxRedirects: Int = 3, connectTimeout: TimeInterval = 5, totalTimeout: TimeInterval = 60) {
        self.allowedHosts = Set(allowedHosts.map { Self.normalised($0) })
        self.maxRedirects = max(0, maxRedirects)
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    /// Whether a fetch of `host` may connect to `address`.
    func permits(_ address: IPAddress, host: String) -> Bool {
        allowedHosts.contains(Self.normalised(host)) || !AddressPolicy.isInternal(address)
    }

    /// Whether `host` is exempt (then no name is refused before resolving).
    func exempts(_ host: String) -> Bool {
        allowedHosts.contains(Self.normalised(host))
    }

    static func normalised(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host
    }
}
