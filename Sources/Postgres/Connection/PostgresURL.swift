import CPostgres
import Storage

/// A PostgreSQL connection URL, checked before anything connects:
/// `postgres://user:password@host:port/database?sslmode=…` (libpq's URI syntax; `postgresql://`
/// works too, percent-encoding as usual, a socket directory as `?host=/path` or `%2Fpath`).
///
/// The password never appears in `description` or in error messages.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// The URL as given (with its password): what libpq parses.
    public let text: String
    /// The user name, or nil when the URL leaves it to libpq (the operating system user).
    public let user: String?
    /// The host name, address or socket directory (a comma-separated list for several hosts).
    public let host: String
    /// The port (a comma-separated list for several hosts), 5432 when the URL gives none.
    public let port: String
    /// The database name.
    public let database: String
    /// Every connection option the URL sets, as libpq parsed it (keyword → value).
    let options: [String: String]

    /// libpq's default port.
    public static let defaultPort = "5432"

    /// Parses and validates `text`.
    ///
    /// - Throws: `StorageError.invalidDatabaseURL` naming what is wrong: not a `postgres://` URL,
    ///   a syntax error libpq reports, a bad port, or no host or database name.
    public init(_ text: String) throws {
        guard !text.isEmpty else { throw StorageError.invalidDatabaseURL(reason: "the URL is empty") }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            let scheme = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
            throw StorageError.invalidDatabaseURL(
                reason: "'\(scheme.prefix(40))' is not a PostgreSQL URL (it must start with postgres:// or postgresql://)")
        }
        let options = try Self.parse(text)
        guard let host = options["host"] ?? options["hostaddr"], !host.isEmpty else {
            throw StorageError.invalidDatabaseURL(reason: "it names no host (postgres://user@HOST:port/database)")
        }
        let port = options["port"] ?? Self.defaultPort
        for part in port.split(separator: ",", omittingEmptySubsequences: false) {
            guard let number = Int(part), (1...65535).contains(number) else {
                throw StorageError.invalidDatabaseURL(reason: "port '\(part)' is not a number from 1 to 65535")
            }
        }
        guard let database = options["dbname"], !database.isEmpty else {
            throw StorageError.invalidDatabaseURL(reason: "it names no database (add /DATABASE after the host and port)")
        }
        self.text = text
        self.options = options
        self.user = options["user"].flatMap { $0.isEmpty ? nil : $0 }
        self.host = host
        self.port = port
        self.database = database
    }

    /// `host:port` for messages (the socket directory and port for a Unix socket).
    public var server: String {
        host.contains(",") ? "\(host) (ports \(port))" : "\(host):\(port)"
    }

    /// The URL without its password, for logs.
    public var description: String {
        let userPart = user.map { "\(Self.percentEncoded($0))@" } ?? ""
        let hostPart = host.hasPrefix("/") || host.contains(":") ? Self.percentEncoded(host) : host
        return "postgres://\(userPart)\(hostPart):\(port)/\(Self.percentEncoded(database))"
    }

    public static func == (lhs: PostgresURL, rhs: PostgresURL) -> Bool { lhs.text == rhs.text }

    /// The keyword/value pairs for `PQconnectdbParams`: the URL's own options, plus UTF-8 as the
    /// client encoding (rows decode as Swift strings), an application name for `pg_stat_activity`
    /// unless the URL sets one, and a 5 s connect timeout unless the URL sets one (libpq's default
    /// waits for ever on a host that drops packets). The session settings that decoding relies on
    /// are pinned too, whatever the server's configuration says: `bytea` printed as hex, and
    /// doubles printed in their shortest exact form.
    func connectionParameters() -> [(String, String)] {
        var parameters = options.filter { $0.key != "client_encoding" && $0.key != "options" }.map { ($0.key, $0.value) }
        parameters.append(("client_encoding", "UTF8"))
        let pinned = "-c bytea_output=hex -c extra_float_digits=1"
        parameters.append(("options", options["options"].map { "\($0) \(pinned)" } ?? pinned))
        if options["application_name"] == nil { parameters.append(("fallback_application_name", "stylify")) }
        if options["connect_timeout"] == nil { parameters.append(("connect_timeout", "5")) }
        return parameters
    }

    /// Runs libpq's own parser, which knows every connection keyword and its URI syntax.
    private static func parse(_ text: String) throws -> [String: String] {
        var message: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(text, &message) else {
            let reason = message.map { String(cString: $0) } ?? "libpq could not parse it (out of memory?)"
            if let message { PQfreemem(message) }
            throw StorageError.invalidDatabaseURL(reason: reason.trimmingTrailingWhitespace())
        }
        defer { PQconninfoFree(parsed) }
        var options: [String: String] = [:]
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { options[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return options
    }

    private static func percentEncoded(_ text: String) -> String {
        var allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        allowed.insert(UInt8(ascii: ","))
        var result = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                result.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
