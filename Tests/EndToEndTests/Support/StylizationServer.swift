import API
import Accounts
import Filters
import Foundation
import HTTPServer
import Inference
import Jobs
import Quotas
import Storage
import Stylizations
import TestSupport
import Webhooks

/// A real server with the account, asset, filter and stylization endpoints over one SQLite file in a temp
/// directory, the real blob store, Quotas, Filters, a running `JobService`, webhooks (loopback
/// receivers allowed, retries after milliseconds) and the real weights.
/// Tests upload content and seed filters through the domain services on the same data, as the
/// assets and filters endpoints would.
final class StylizationServer: @unchecked Sendable {
    let directory: URL
    let database: Database
    let accounts: AccountServices
    let quotas: QuotaService
    let blobs: LocalDiskBlobStore
    let assets: AssetService
    let filters: FilterService
    let jobs: JobService
    let service: StylizationService
    let webhooks: WebhookService
    let streams: StylizationEventStreams
    let server: HTTPServer

    var client: HTTPClient { HTTPClient(port: server.port) }

    /// - Parameters:
    ///   - models: the models root (`Fixtures.models` holds MicroAST only; `withAdaIN()` adds the
    ///     synthetic AdaIN weights).
    ///   - fetcher: fetches `content_url` / `style_url` (public addresses only by default).
    init(synchronousPixels: Int = 4_000_000, synchronousRenders: Int = 2, models: URL = Fixtures.models,
         fetcher: RemoteFetcher = RemoteFetcher()) throws {
        directory = try Fixtures.temporaryDirectory("e2e-stylizations")
        database = try Database(
            url: directory.appendingPathComponent("stylify.sqlite"),
            configuration: .init(schemaDirectory: AccountsServer.schema))
        var accountsConfiguration = AccountsConfiguration()
        accountsConfiguration.passwordHashing = .testing
        accounts = AccountServices(database: database, configuration: accountsConfiguration)
        quotas = try QuotaService(database: database)
        blobs = try LocalDiskBlobStore(root: directory.appendingPathComponent("blobs"))
        let locator = ModelLocator(directory: models)
        assets = AssetService(database: database, blobs: blobs, quotas: quotas)
        filters = FilterService(database: database, blobs: blobs, quotas: quotas, models: try StyleModels.loadAvailable(from: locator))
        jobs = try JobService(
            database: database, quotas: quotas, blobs: blobs, models: locator,
            configuration: JobServiceConfiguration(
                resultsDirectory: directory.appendingPathComponent("results"), workers: 1, resultPublisher: assets))
        webhooks = WebhookService(database: database, configuration: WebhookConfiguration(
            allowsPrivateAddresses: true, retrySchedule: RetrySchedule(delays: [0.05, 0.1, 0.2]), connectTimeout: 2, totalTimeout: 5))
        service = StylizationService(
            database: database, assets: assets, filters: filters, jobs: jobs, synchronousPixels: synchronousPixels,
            synchronousRenders: synchronousRenders, events: .webhooks(webhooks))

        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.ioThreads = 2
        configuration.workerThreads = 4
        configuration.temporaryDirectory = directory.appendingPathComponent("spool")
        configuration.accessLog = AccessLog(format: .off)
        var router = Router()
        AccountEndpoints.register(on: &router, accounts: accounts, meQuota: QuotaEndpoints(quotas: quotas, limiter: RateLimiter()).meQuota())
        let authenticated = AuthenticatedRoutes(authenticator: accounts.authenticator)
        FilterEndpoints.register(
            on: &router, authenticated: authenticated, uploads: nil, assets: assets, filters: filters,
            uploadDirectory: directory.appendingPathComponent("uploads"), styleModels: StyleModelStatus(missingFiles: []), fetcher: fetcher)
        // Inline uploads admitted against the plan's upload_bytes (without a rate limit, like the rest here).
        streams = StylizationEndpoints.register(
            on: &router, authenticated: authenticated, stylizations: service,
            uploads: UploadAdmission(authenticated: authenticated, quotas: quotas), uploadDirectory: directory.appendingPathComponent("uploads"),
            fetcher: fetcher)
        WebhookEndpoints.register(on: &router, authenticated: authenticated, webhooks: webhooks)
        server = HTTPServer(configuration: configuration, router: router)
        try server.start()
        jobs.start()
        webhooks.start()
    }

    func stop() {
        server.shutdown(gracePeriod: .seconds(2))
        jobs.stop()
        webhooks.stop()
        streams.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A models root with MicroAST and the synthetic AdaIN weights of `../shared/models/adain-synthetic`
    /// (linked as `adain/`, where `ModelLocator` looks), made under `directory`.
    static func withAdaIN(in directory: URL) throws -> URL {
        let root = directory.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("microast"), withDestinationURL: Fixtures.models.appendingPathComponent("microast"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("adain"), withDestinationURL: Fixtures.models.appendingPathComponent("adain-synthetic"))
        return root
    }

    /// Uploads a copy of `file` as the account's content asset (the service takes the file over).
    func upload(_ file: URL, account: String) throws -> Asset {
        let copy = directory.appendingPathComponent(UUID().uuidString + "." + file.pathExtension)
        try FileManager.default.copyItem(at: file, to: copy)
        return try assets.create(account: account, uploadedFile: copy, declaredName: file.lastPathComponent)
    }

    /// A custom filter of the account made from one of the shared style images.
    func filter(_ styleImage: String, account: String) throws -> Filter {
        let copy = directory.appendingPathComponent(UUID().uuidString + "-" + styleImage)
        try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent(styleImage), to: copy)
        return try filters.create(account: account, styleImage: copy, name: styleImage)
    }
}
