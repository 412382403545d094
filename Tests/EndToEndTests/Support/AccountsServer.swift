import API
import Accounts
import Foundation
import HTTPServer
import Quotas
import Storage
import TestSupport

/// A real `HTTPServer` on 127.0.0.1 port 0 serving the account endpoints over a real SQLite file
/// in a fresh temp directory, with cheap scrypt. Other end-to-end suites can register more routes
/// through `routes`.
final class AccountsServer: @unchecked Sendable {
    let directory: URL
    let database: Database
    let accounts: AccountServices
    let server: HTTPServer
    /// The quota wiring `stylify serve` uses (rate limits, `/v1/me` quota section), when asked for.
    let quotas: QuotaEndpoints?

    var port: Int { server.port }
    var client: HTTPClient { HTTPClient(port: port) }
    var databaseURL: URL { directory.appendingPathComponent("stylify.sqlite") }
    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")

    init(
        accounts adjust: (inout AccountsConfiguration) -> Void = { _ in },
        passwordRequests: Int = 2,
        busyTimeout: TimeInterval = 5,
        meQuota: AccountEndpoints.MeQuotaProvider? = nil,
        routes: (inout Router, AccountServices) -> Void = { _, _ in },
        contentRoutes: (inout Router, Database, AccountServices, URL) throws -> Void = { _, _, _, _ in },
        withQuotas: Bool = false,
        quotaRoutes: (inout Router, AccountServices, QuotaEndpoints) -> Void = { _, _, _ in }
    ) throws {
        directory = try Fixtures.temporaryDirectory("e2e")
        database = try Database(url: directory.appendingPathComponent("stylify.sqlite"), configuration: .init(busyTimeout: busyTimeout, schemaDirectory: Self.schema))
        var configuration = AccountsConfiguration()
        configuration.passwordHashing = .testing
        adjust(&configuration)
        accounts = AccountServices(database: database, configuration: configuration)

        var serverConfiguration = ServerConfiguration()
        serverConfiguration.port = 0
        serverConfiguration.ioThreads = 2
        serverConfiguration.workerThreads = 4
        serverConfiguration.temporaryDirectory = directory.appendingPathComponent("spool")
        serverConfiguration.accessLog = AccessLog(format: .off)
        let database = database
        serverConfiguration.readinessChecks = [ReadinessCheck("database") { try database.ping(); return true }]
        var router = Router()
        let quotas = withQuotas ? QuotaEndpoints(quotas: try QuotaService(database: database), limiter: RateLimiter()) : nil
        self.quotas = quotas
        AccountEndpoints.register(
            on: &router, accounts: accounts, passwordRequests: passwordRequests,
            meQuota: meQuota ?? quotas?.meQuota(), rateLimiting: quotas?.rateLimiting)
        routes(&router, accounts)
        try contentRoutes(&router, database, accounts, directory)
        if let quotas { quotaRoutes(&router, accounts, quotas) }
        server = HTTPServer(configuration: serverConfiguration, router: router)
        try server.start()
    }

    func stop() {
        server.shutdown(gracePeriod: .seconds(2))
        try? FileManager.default.removeItem(at: directory)
    }

    /// Another process's view of the same file: its own connections and its own (cold) caches,
    /// as the `stylify admin` CLI has.
    func openSecondProcessServices() throws -> AccountServices {
        let other = try Database(url: databaseURL, configuration: .init(readerCount: 1, schemaDirectory: Self.schema))
        return AccountServices(database: other)
    }
}
