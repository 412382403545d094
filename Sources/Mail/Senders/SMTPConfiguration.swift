import Foundation

/// Where and how `SMTPSender` delivers: an `smtp://host[:port]` URL (STARTTLS when the server
/// offers it) or `smtps://host[:port]` (TLS from the first byte), optional credentials, the
/// `From:` address and timeouts.
public struct SMTPConfiguration: Sendable, Equatable {
    /// Why a configured value cannot be used; its description is the sentence an operator sees.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public let url: String
    public let username: String?
    public let password: String?
    public let from: String
    public var connectTimeout: TimeInterval = 10
    public var totalTimeout: TimeInterval = 30

    /// - Throws: `Failure` for a URL that is not `smtp://` or `smtps://` with a host, a path
    ///   or query part, credentials inside the URL (they belong in the settings, which keep them
    ///   out of logs), or a `from` that is not an address.
    public init(url: String, username: String? = nil, password: String? = nil, from: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "smtp" || scheme == "smtps", let host = components.host, !host.isEmpty else {
            throw Failure(description: "must be smtp://host[:port] or smtps://host[:port]")
        }
        guard components.user == nil, components.password == nil else {
            throw Failure(description: "put the credentials in the username and password settings, not in the URL")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil else {
            throw Failure(description: "must be smtp://host[:port] or smtps://host[:port], without a path or query")
        }
        let address = RFC5322Message.bareAddress(from)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !from.contains("\r"), !from.contains("\n"), !address.contains(" ") else {
            throw Failure(description: "the From address must be name@domain or \"Name <name@domain>\"")
        }
        self.url = "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
        self.username = username
        self.password = password
        self.from = from
    }
}
