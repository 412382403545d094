import API
import HTTPServer
import Foundation
import Jobs
import Mail
import ObjectStorage
import Postgres

/// Everything `stylify serve` is configured with, resolved and checked once at start-up: each
/// value is its flag, else its environment variable, else its default (`SettingKey` names all
/// three). A value that cannot be used stops start-up before anything is opened, with one
/// sentence naming the flag (exit 64) or the variable (exit 78).
///
/// This is the only place `serve` reads the environment: the modules get plain values
/// (thread counts, directories, switches) from `ServeRoot`.
struct ServeSettings: Sendable {
    // Where the state lives.
    /// Database `stylify.sqlite`, blobs, results, upload spool, operator token.
    var dataDirectory: URL
    /// A `postgres://` URL: PostgreSQL (checked here, connected to at start-up); nil: the SQLite
    /// file `stylify.sqlite` in the data directory.
    var databaseURL: String?
    /// nil: `SchemaLocator` finds `Schema/`.
    var schemaDirectory: URL?
    /// The S3-compatible store blobs live in; nil: local disk under `<data-dir>/blobs`, as always.
    /// With a store, `<data-dir>/blobs` holds only the upload spool and the read cache.
    var objectStore: S3Configuration?

    /// Which services this process runs (`ServeCommand.serve` starts those of its role only).
    var role: NodeRole

    // HTTP.
    var listen: ListenAddress
    /// nil: the server's default (one per core).
    var ioThreads: Int?
    /// nil: the server's default (2 per core, at least 4).
    var workers: Int?
    /// nil: the server's default (10000).
    var maxConnections: Int?
    /// Empty: no CORS headers.
    var corsOrigins: [String]
    var accessLog: AccessLog.Format
    /// The web app's folder; nil: none found, only the API is served.
    var webRoot: URL?
    /// Configured operator token for `/metrics`; nil: the token file in the data directory.
    var operatorToken: OperatorToken?

    // Content and compute.
    var models: URL
    /// Folder seeded as gallery filters at start-up; nil: no seeding.
    var gallery: URL?
    var contentSweepSeconds: Int
    var inference: InferenceSettings
    /// Decoder and encoder threads of each video job (0: FFmpeg chooses).
    var codecThreads: Int
    /// Segment length of videos spread over several workers (0: one worker per video).
    var videoSegmentFrames: Int

    // Webhooks.
    var webhooksAllowPrivate: Bool
    /// Hosts `content_url` / `style_url` may reach although internal (`RemoteFetchPolicy.allowedHosts`).
    var fetchAllowHosts: [String]

    // Mail and accounts.
    /// Base of the links in mails; nil: the address the server listens on, once it does.
    var publicURL: String?
    /// The SMTP server; nil: the log sender writes to `mailLog`.
    var smtp: SMTPConfiguration?
    var mailFrom: String
    var mailLog: URL
    /// Frames a free account renders before it verifies an e-mail address.
    var unverifiedFrames: Int

    /// Resolves `options` against `environment`.
    ///
    /// - Throws: `SettingError` for the first unusable value.
    init(_ options: ServeOptions, reader: SettingsReader) throws {
        listen = try reader.value(options.listen, .listen, expected: "must be host:port") { try ListenAddress(parsing: $0) }
            ?? ListenAddress(host: "127.0.0.1", port: 8080)
        role = try reader.value(options.role, .role, expected: "must be all, api or worker") { NodeRole(rawValue: $0) } ?? .all
        dataDirectory = reader.path(options.dataDir, .dataDir) ?? URL(fileURLWithPath: "./data").standardizedFileURL
        databaseURL = try Self.databaseURL(options.databaseURL, reader)
        schemaDirectory = reader.path(options.schemaDir, .schemaDir)
        objectStore = try reader.objectStore(blobURL: options.blobURL, endpoint: options.s3Endpoint)
        ioThreads = try reader.integer(options.ioThreads, .ioThreads)
        workers = try reader.integer(options.workers, .workers)
        maxConnections = try reader.integer(options.maxConnections, .maxConnections)
        corsOrigins = reader.list(options.corsOrigin, .corsOrigins)
        accessLog = try reader.value(options.logFormat, .logFormat, expected: "must be logfmt or json") { text -> AccessLog.Format? in
            switch text {
            case "logfmt": .logfmt
            case "json": .json
            default: nil
            }
        } ?? .logfmt
        if try reader.isOn(options.quiet, .quiet) { accessLog = .off }
        webRoot = try reader.value(options.webRoot, .webRoot, expected: "is not a directory") { text in
            Self.directory(text)
        } ?? WebRootLocator.locate()
        operatorToken = try reader.value(options.operatorToken, .operatorToken, expected: "unusable") { text in
            do {
                return try OperatorToken(text)
            } catch OperatorToken.Failure.unusable(let reason) {
                throw SettingProblem(reason)
            }
        }

        models = options.models.directory(reader)
        // A configured gallery must exist, so a typo is not a silently empty gallery.
        gallery = try reader.value(options.gallery, .gallery, expected: "no such folder") { Self.directory($0) }
            ?? Self.directory("../shared/images/style")
        contentSweepSeconds = try reader.integer(options.sweepSeconds, .sweepSeconds) ?? 300
        inference = try options.models.inference.settings(reader)
        codecThreads = try reader.integer(options.codecThreads, .codecThreads, atLeast: 0) ?? 1
        videoSegmentFrames = try reader.integer(options.videoSegmentFrames, .videoSegmentFrames, atLeast: 0) ?? 0

        webhooksAllowPrivate = try reader.isOn(options.webhooksAllowPrivate, .webhooksAllowPrivate)
        fetchAllowHosts = reader.list(options.fetchAllowHost, .fetchAllowHosts)

        publicURL = try reader.value(options.publicURL, .publicURL, expected: "must be an http:// or https:// URL without a query") { text in
            guard let url = URLComponents(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  url.host?.isEmpty == false, url.query == nil, url.fragment == nil else { return nil }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        let from = try reader.value(options.mailFrom, .mailFrom, expected: "must be name@domain or \"Name <name@domain>\"") { text in
            // The SMTP configuration checks the address; a placeholder host lets it do so alone.
            return (try? SMTPConfiguration(url: "smtp://localhost", from: text)).map { _ in text }
        } ?? "Stylify <stylify@localhost>"
        mailFrom = from
        let username = reader.string(options.smtpUsername, .smtpUsername)
        let password = reader.string(options.smtpPassword, .smtpPassword)
        smtp = try reader.value(options.smtpURL, .smtpURL, expected: "must be smtp://host[:port] or smtps://host[:port]") { text in
            do {
                return try SMTPConfiguration(url: text, username: username, password: password, from: from)
            } catch let failure as SMTPConfiguration.Failure {
                throw SettingProblem(failure.description)
            }
        }
        mailLog = reader.path(options.mailLog, .mailLog) ?? dataDirectory.appendingPathComponent("mail.log")
        unverifiedFrames = try reader.integer(options.unverifiedFrames, .unverifiedFrames, atLeast: 0) ?? 10
    }

    /// `--database-url`, else `STYLIFY_DATABASE_URL`, checked (scheme, libpq's syntax, host,
    /// database, port) without connecting; nil when neither is set. Shared with `stylify admin`.
    ///
    /// - Throws: `SettingError` naming the flag (exit 64) or the variable (exit 78); the URL
    ///   itself is not repeated, since it may hold a password.
    static func databaseURL(_ flag: String?, _ reader: SettingsReader) throws -> String? {
        try reader.value(flag, .databaseURL, expected: "must be a postgres:// URL") { text in
            _ = try DatabaseSelection.dialect(of: text)
            return text
        }
    }

    /// `path` as a standardized URL when it is a directory.
    private static func directory(_ path: String) -> URL? {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }
}
