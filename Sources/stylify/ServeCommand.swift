import API
import Accounts
import ArgumentParser
import Filters
import Foundation
import HTTPServer
import Inference
import Quotas
import Storage

/// `stylify serve`: runs the HTTP API until SIGTERM/SIGINT, then drains in-flight requests and exits 0.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API server.",
        discussion: "Each option falls back to the environment variable named in its help, then to its default."
    )

    @Option(help: "host:port to listen on; port 0 picks a free port (STYLIFY_LISTEN, default 127.0.0.1:8080).")
    var listen: String?

    @Option(help: "Directory for the database, blobs and upload spool (STYLIFY_DATA_DIR, default ./data).")
    var dataDir: String?

    @Option(help: "Directory of schema migrations (STYLIFY_SCHEMA; default: ./Schema or the build's repository).")
    var schemaDir: String?

    @Option(help: "I/O threads running the epoll loops (STYLIFY_IO_THREADS, default: one per core).")
    var ioThreads: Int?

    @Option(help: "Worker threads for blocking handlers (STYLIFY_WORKERS, default: 2 per core, at least 4).")
    var workers: Int?

    @Option(help: "Open connections before new ones get 503 (STYLIFY_MAX_CONNECTIONS, default 10000).")
    var maxConnections: Int?

    @Option(help: "An allowed CORS origin; repeat for several, * for any (STYLIFY_CORS_ORIGINS, comma-separated).")
    var corsOrigin: [String] = []

    @Option(help: "Directory of the web app's static files (STYLIFY_WEB_ROOT; default: ./Web or the build's repository Web).")
    var webRoot: String?

    @Option(help: "Access log format: logfmt or json (STYLIFY_LOG_FORMAT, default logfmt).")
    var logFormat: String?

    @Flag(help: "No access log (STYLIFY_QUIET=1); for benchmarks.")
    var quiet = false

    @OptionGroup var filterOptions: FilterServeOptions

    @OptionGroup var webhookOptions: WebhookServeOptions
    @OptionGroup var metricsOptions: MetricsServeOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        func setting(_ value: String?, _ key: String) -> String? {
            if let value { return value }
            if let fromEnvironment = environment[key], !fromEnvironment.isEmpty { return fromEnvironment }
            return nil
        }
        func number(_ value: Int?, _ key: String) throws -> Int? {
            if let value { return value }
            guard let text = setting(nil, key) else { return nil }
            guard let parsed = Int(text), parsed > 0 else { throw ValidationError("\(key) must be a positive integer") }
            return parsed
        }

        let address: ListenAddress
        do {
            address = try ListenAddress(parsing: setting(listen, "STYLIFY_LISTEN") ?? "127.0.0.1:8080")
        } catch {
            throw ValidationError("--listen: \(error)")
        }
        let dataDirectory = URL(fileURLWithPath: setting(dataDir, "STYLIFY_DATA_DIR") ?? "./data").standardizedFileURL
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)

        var configuration = ServerConfiguration()
        configuration.host = address.host
        configuration.port = address.port
        // The spool lives beside the blobs so that keeping an upload is a rename, not a copy.
        configuration.temporaryDirectory = dataDirectory.appendingPathComponent("tmp")
        if let value = try number(ioThreads, "STYLIFY_IO_THREADS") { configuration.ioThreads = value }
        if let value = try number(workers, "STYLIFY_WORKERS") { configuration.workerThreads = value }
        if let value = try number(maxConnections, "STYLIFY_MAX_CONNECTIONS") { configuration.maxConnections = value }
        var origins = corsOrigin
        if origins.isEmpty, let list = setting(nil, "STYLIFY_CORS_ORIGINS") {
            origins = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if !origins.isEmpty { configuration.cors = CORSPolicy(allowedOrigins: origins) }
        configuration.webRoot = setting(webRoot, "STYLIFY_WEB_ROOT").map { URL(fileURLWithPath: $0) } ?? WebRootLocator.locate()
        let quietFromEnvironment = ["1", "true", "yes"].contains(environment["STYLIFY_QUIET"]?.lowercased() ?? "")
        switch setting(logFormat, "STYLIFY_LOG_FORMAT") ?? "logfmt" {
        case "logfmt": configuration.accessLog = AccessLog(format: .logfmt)
        case "json": configuration.accessLog = AccessLog(format: .json)
        case let other: throw ValidationError("--log-format must be logfmt or json, not \(other)")
        }
        if quiet || quietFromEnvironment { configuration.accessLog = AccessLog(format: .off) }

        let database = try openDatabase(in: dataDirectory, schemaDirectory: setting(schemaDir, "STYLIFY_SCHEMA"))
        let accounts = AccountServices(database: database)
        configuration.readinessChecks.append(ReadinessCheck("database") {
            try database.ping()
            return true
        })

        let quotaHTTP = try startQuotas(database: database)
        var router = Router()
        // Half the workers at most may hash passwords, so a login burst never starves other requests.
        AccountEndpoints.register(
            on: &router, accounts: accounts, passwordRequests: max(1, configuration.workerThreads / 2),
            meQuota: quotaHTTP.meQuota(), rateLimiting: quotaHTTP.rateLimiting)
        // Every other authenticated resource shares the accounts' middleware stack (and so the rate limit).
        let authenticated = AuthenticatedRoutes(authenticator: accounts.authenticator, rateLimiting: quotaHTTP.rateLimiting)
        let filterServices = try startFilters(
            options: filterOptions, router: &router, configuration: &configuration, database: database,
            quotaHTTP: quotaHTTP, authenticated: authenticated, dataDirectory: dataDirectory)
        let webhooks = startWebhooks(options: webhookOptions, router: &router, authenticated: authenticated, database: database)
        defer { webhooks.stop() }  // after jobs.stop(): the last terminal events are enqueued, sent by the next run
        let jobs = try Self.registerStylizations(
            on: &router, authenticated: authenticated, filterServices: filterServices, database: database,
            dataDirectory: dataDirectory, httpWorkers: configuration.workerThreads,
            uploads: quotaHTTP.uploadAdmission(authenticated: authenticated),
            uploadDirectory: configuration.temporaryDirectory.appendingPathComponent("uploads"), webhooks: webhooks)
        try registerMetrics(on: &router, configuration: &configuration, jobs: jobs, dataDirectory: dataDirectory,
            extraCollectors: [.webhooks(webhooks)])
        let server = HTTPServer(configuration: configuration, router: router)
        try server.start()
        jobs.start()
        let shutdownSignals = ShutdownSignals()
        print("listening on \(server.baseURL)")
        fflush(nil)  // flushes stdout so a parent process sees the port at once
        server.waitForShutdownSignal(shutdownSignals)
        jobs.stop()
        withExtendedLifetime(filterServices.sweeps) {}
    }

    /// Opens (creating it on first start) `<data-dir>/stylify.sqlite` and applies pending
    /// migrations. A database that cannot be used stops start-up with the operator-readable reason.
    private func openDatabase(in dataDirectory: URL, schemaDirectory: String?) throws -> Database {
        let url = dataDirectory.appendingPathComponent("stylify.sqlite")
        do {
            let configuration = Database.Configuration(schemaDirectory: schemaDirectory.map { URL(fileURLWithPath: $0) })
            let database = try Database(url: url, configuration: configuration)
            for migration in database.newlyAppliedMigrations {
                // logfmt, like the server's own log lines.
                FileHandle.standardError.write(Data(
                    "level=info msg=\"applied migration\" version=\(migration.version) name=\(migration.name)\n".utf8))
            }
            return database
        } catch {
            // Same sysexits classification as `stylify admin` (66 missing schema, 65 corrupt, 70 other).
            let failure = CommandFailure(error)
            FileHandle.standardError.write(Data("stylify serve: \(failure.message)\n".utf8))
            throw failure.code
        }
    }
}
