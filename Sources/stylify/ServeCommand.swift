import API
import Common
import Accounts
import ArgumentParser
import Filters
import Foundation
import HTTPServer
import Inference
import Jobs
import Quotas
import Postgres
import Storage

/// `stylify serve`: runs the HTTP API until SIGTERM/SIGINT, then drains in-flight requests and exits 0.
///
/// The composition root: `run()` resolves one `ServeSettings`, builds every service from it
/// (passing plain values down; no module reads the environment), registers the routes and
/// lists the background services in one `ServiceLifecycle` (see Docs/Settings.md for the order).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API server.",
        discussion: """
            Each option falls back to the environment variable named in its help, then to its default. \
            An unusable value stops start-up with one line naming it: exit 64 for a flag, 78 for a variable.

            With --blob-url (S3-compatible object storage) the standard AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, \
            AWS_SESSION_TOKEN and AWS_REGION (default us-east-1) are read, and STYLIFY_S3_ADDRESSING (path or virtual), \
            STYLIFY_S3_CACHE_MB (local read cache, default 1024) and STYLIFY_S3_PART_MB (multipart part size, default 16). \
            A bucket, region or secret the store refuses stops start-up with exit 78; an unreachable store with 69.
            """
    )

    @OptionGroup var options: ServeOptions

    func run() throws {
        try CommandFailure.reporting(command: "serve") {
            let settings = try ServeSettings(options, reader: SettingsReader())
            try Self.serve(settings)
        }
    }

    /// Builds the server from `settings`, starts the services of its role in order, and stops
    /// them in reverse when a signal arrives.
    ///
    /// Every role builds the same services, because a worker needs what sits behind the API
    /// routes too (filters and their style codes, stylization events, webhooks); what differs is
    /// what runs: an API node starts no job workers and renders nothing in its requests (its jobs
    /// go to the shared queue), a worker serves only `/healthz`, `/readyz` and `/metrics` and
    /// leaves seeding and content sweeps to the API nodes.
    static func serve(_ settings: ServeSettings) throws {
        let role = settings.role
        try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true)
        var configuration = settings.serverConfiguration()
        let lifecycle = ServiceLifecycle(log: log)

        let database = try openDatabase(settings)
        // Several nodes must meet one rate limit and one login and recovery throttle: keep them in the database.
        let sharedLimits = role != .all || database.dialect == .postgresql
        let mail = makeMail(settings: settings, database: database)
        let publicURL = Locked(settings.publicURL ?? "http://\(settings.listen.host):\(settings.listen.port)")
        var accountSettings = Self.accountsConfiguration(publicURL: publicURL)
        accountSettings.sharesThrottles = sharedLimits
        let accounts = AccountServices(database: database, configuration: accountSettings, outbox: mail.outbox)
        // Before the server: mail left pending by an earlier run goes out, and sign-ups' mail is sent.
        lifecycle.add("mail", stopWithin: 35, start: mail.start, stop: mail.stop)
        configuration.readinessChecks.append(ReadinessCheck("database") {
            try database.ping()
            return true
        })

        let quotaHTTP = try makeQuotas(
            database: database, sharedRateLimits: sharedLimits, lifecycle: lifecycle, unverifiedFrames: settings.unverifiedFrames)
        var router = Router()
        // Half the workers at most may hash passwords, so a login burst never starves other requests.
        AccountEndpoints.register(
            on: &router, accounts: accounts, passwordRequests: max(1, configuration.workerThreads / 2),
            meQuota: quotaHTTP.meQuota(), rateLimiting: quotaHTTP.rateLimiting)
        // Every other authenticated resource shares the accounts' middleware stack (and so the rate limit).
        let authenticated = AuthenticatedRoutes(authenticator: accounts.authenticator, rateLimiting: quotaHTTP.rateLimiting)
        let filterServices = try makeFilters(
            settings: settings, router: &router, configuration: &configuration, database: database,
            quotaHTTP: quotaHTTP, authenticated: authenticated, lifecycle: lifecycle)
        let webhooks = makeWebhooks(settings: settings, router: &router, authenticated: authenticated, database: database)
        // Deliveries are claimed rows: every node may send them.
        lifecycle.add("webhooks", stopWithin: 5, start: webhooks.start, stop: webhooks.stop)
        let jobs = try registerStylizations(
            on: &router, authenticated: authenticated, filterServices: filterServices, database: database,
            dataDirectory: settings.dataDirectory, codecThreads: settings.codecThreads,
            videoSegmentFrames: settings.videoSegmentFrames,
            synchronousRenders: role.runsJobs ? max(1, configuration.workerThreads / 4) : 0,
            uploads: quotaHTTP.uploadAdmission(authenticated: authenticated),
            uploadDirectory: configuration.temporaryDirectory.appendingPathComponent("uploads"), webhooks: webhooks,
            lifecycle: lifecycle)
        if role.runsJobs {
            // Running jobs are interrupted at their next check (well within a second) and re-queued.
            lifecycle.add("jobs", stopWithin: 10, start: jobs.start, stop: jobs.stop)
        }
        let nodes = try NodeRegistry(database: database, role: role, jobWorkers: jobs.configuration.workers, log: log)
        lifecycle.add("node-heartbeat", stopWithin: 6, start: nodes.start, stop: nodes.stop)
        if role.servesAPI {
            configuration.readinessChecks.append(ReadinessCheck("workers") { "\(try nodes.liveWorkers().count) live" })
        }

        var served = role.servesAPI ? router : Router()
        try registerMetrics(on: &served, configuration: &configuration, jobs: jobs, dataDirectory: settings.dataDirectory,
            operatorToken: settings.operatorToken, extraCollectors: [.webhooks(webhooks), .nodes(nodes)])

        let server = HTTPServer(configuration: configuration, router: served)
        // Last to start, first to stop: requests arrive only once everything above runs. The
        // signal handler below drains it; this stop is a no-op then, and stops it when a
        // service after it (none today) fails to start.
        let grace = Double(configuration.shutdownGracePeriod.components.seconds)
        lifecycle.add("http", stopWithin: grace + 5, start: server.start, stop: { server.shutdown() })

        do {
            try lifecycle.start()
        } catch {
            // A service that cannot start (the port is taken): EX_UNAVAILABLE, with the reason.
            throw CommandFailure(message: "\(error)", code: .unavailable)
        }
        if settings.publicURL == nil { publicURL.withLock { $0 = server.baseURL } }
        let shutdownSignals = ShutdownSignals()
        log("level=info msg=\"serving\" role=\(role.rawValue) node=\(nodes.this.id)")
        print("listening on \(server.baseURL)")
        fflush(nil)  // flushes stdout so a parent process sees the port at once
        server.waitForShutdownSignal(shutdownSignals)
        lifecycle.stop()
    }

    /// Opens the PostgreSQL database of `--database-url`, else (creating it on first start)
    /// `<data-dir>/stylify.sqlite`, and applies pending migrations. A database that cannot be
    /// used stops start-up with the operator-readable reason: 69 for a server that cannot be
    /// reached, 78 for one that refuses the user or lacks the database (see `CommandFailure`).
    private static func openDatabase(_ settings: ServeSettings) throws -> any SQLDatabase {
        do {
            let database = try DatabaseSelection.open(
                url: settings.databaseURL, sqliteFile: settings.dataDirectory.appendingPathComponent("stylify.sqlite"),
                sqlite: Database.Configuration(schemaDirectory: settings.schemaDirectory),
                postgres: PostgresDatabase.Configuration(schemaDirectory: settings.schemaDirectory))
            log("level=info msg=\"database opened\" dialect=\(database.dialect.rawValue) location=\"\(database.location)\"")
            for migration in database.newlyAppliedMigrations {
                log("level=info msg=\"applied migration\" version=\(migration.version) name=\(migration.name)")
            }
            return database
        } catch {
            // Same sysexits classification as `stylify admin` (66 missing schema, 65 corrupt,
            // 69 unreachable server, 78 refused user or missing database, 70 other).
            throw CommandFailure(error)
        }
    }

    /// One logfmt line on stderr, like the server's own.
    static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
