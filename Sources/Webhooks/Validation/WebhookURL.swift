import Foundation

/// A receiver URL that passed the registration rules: absolute `http` or `https`, a host, no
/// userinfo, at most 2048 characters, no spaces or control characters.
public struct WebhookURL: Sendable, Equatable {
    public static let maxLength = 2048

    /// The URL exactly as given (it is what `webhook_url` must equal).
    public let text: String
    /// `http` or `https`.
    public let scheme: String
    /// The host as libcurl reads it, without IPv6 brackets, lowercased.
    public let host: String
    /// The explicit port, or the scheme's default.
    public let port: Int

    /// - Throws: `WebhooksError.invalidURL` naming what is wrong.
    public init(_ text: String) throws {
        guard !text.isEmpty else { throw WebhooksError.invalidURL(detail: "must not be empty.") }
        guard text.count <= Self.maxLength else {
            throw WebhooksError.invalidURL(detail: "must be at most \(Self.maxLength) characters.")
        }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.value > 0x7E }) else {
            throw WebhooksError.invalidURL(detail: "must not contain spaces, control or non-ASCII characters (percent-encode them).")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw WebhooksError.invalidURL(detail: "must be an absolute URL such as https://example.com/hooks.")
        }
        guard scheme == "http" || scheme == "https" else {
            throw WebhooksError.invalidURL(detail: "must use http or https, not \(scheme).")
        }
        guard components.user == nil, components.password == nil, !Self.hasUserInfo(text) else {
            throw WebhooksError.invalidURL(detail: "must not carry a user name or password.")
        }
        guard !(components.host ?? "").isEmpty else { throw WebhooksError.invalidURL(detail: "must name a host.") }
        if let port = components.port, !(1...65535).contains(port) {
            throw WebhooksError.invalidURL(detail: "has an invalid port.")
        }
        // Deliveries go where libcurl's parser says (it also normalises numeric hosts such as
        // 127.1), so its reading of host and port is the one that is checked.
        guard let curl = CurlURL(text) else {
            throw WebhooksError.invalidURL(detail: "must be an absolute URL such as https://example.com/hooks.")
        }
        var host = curl.host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.text = text
        self.scheme = scheme
        self.host = host
        self.port = curl.port
    }

    /// A literal address or a `localhost` name the policy refuses; DNS names are judged at
    /// delivery, when they are resolved.
    func check(against policy: AddressPolicy) throws {
        guard !policy.allowsPrivate else { return }
        if let address = HostResolver.numericAddress(host), !policy.permits(address) {
            throw WebhooksError.addressNotAllowed(host: host)
        }
        if host == "localhost" || host.hasSuffix(".localhost") || host == "localhost." {
            throw WebhooksError.addressNotAllowed(host: host)
        }
    }

    /// `user@host` hides in the authority even when URLComponents does not report it.
    private static func hasUserInfo(_ text: String) -> Bool {
        guard let start = text.range(of: "://") else { return false }
        let authority = text[start.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.contains("@")
    }
}
