import Accounts
import Filters
import Foundation
import Inference
import Jobs
import Quotas
import Storage
import Stylizations
import TestSupport
import XCTest

/// A fresh data directory per test: a real database from the repository's migrations (SQLite, or
/// PostgreSQL with `STYLIFY_TEST_DATABASE=postgresql`), a real
/// blob folder, accounts signed up through Accounts, the real MicroAST weights, and the real
/// Filters, Jobs and Stylizations services on them. The job service is started only by tests
/// that want their jobs to run (`startJobs`); until then submitted jobs stay queued.
class StylizationsTestCase: XCTestCase {
    var directory: URL!
    var testDatabase: TestDatabase!
    var database: (any SQLDatabase)!
    var accounts: AccountServices!
    var quotas: QuotaService!
    var assets: AssetService!
    var filters: FilterService!
    var jobs: JobService!
    var service: StylizationService!

    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")

    /// Loaded once for the whole run: the weights are read-only and the models are Sendable.
    nonisolated(unsafe) static var loadedModels: [any StyleTransferModel]?
    static func models() throws -> [any StyleTransferModel] {
        if let loadedModels { return loadedModels }
        let models = try StyleModels.loadAvailable(from: ModelLocator(directory: Fixtures.models))
        loadedModels = models
        return models
    }

    /// Images up to this many pixels render within `create`; 0 queues every stylization.
    var synchronousPixels: Int { 0 }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("stylizations")
        testDatabase = try TestDatabase(in: directory, label: "stylizations")
        database = try testDatabase.open()
        var configuration = AccountsConfiguration()
        configuration.passwordHashing = .testing
        accounts = AccountServices(database: database, configuration: configuration)
        quotas = try QuotaService(database: database)
        let blobs = try LocalDiskBlobStore(root: directory.appendingPathComponent("blobs"))
        assets = AssetService(database: database, blobs: blobs, quotas: quotas)
        filters = FilterService(database: database, blobs: blobs, quotas: quotas, models: try Self.models())
        jobs = try JobService(
            database: database, quotas: quotas, blobs: blobs, models: ModelLocator(directory: Fixtures.models),
            configuration: JobServiceConfiguration(
                resultsDirectory: directory.appendingPathComponent("results"), workers: 1, pollInterval: 0.2, resultPublisher: assets))
        service = StylizationService(
            database: database, assets: assets, filters: filters, jobs: jobs, synchronousPixels: synchronousPixels)
    }

    override func tearDownWithError() throws {
        jobs?.stop()
        service = nil
        jobs = nil
        filters = nil
        assets = nil
        quotas = nil
        accounts = nil
        database = nil
        testDatabase?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    func startJobs() {
        jobs.start()
    }

    /// Signs up a new account and puts it on `plan`.
    func makeAccount(plan: String = "free") throws -> String {
        let email = "user-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let account = try accounts.registration.signUp(email: email, password: "correct horse", name: nil).account.id.rawValue
        if plan != "free" { _ = try quotas.administration.setPlan(plan, forAccount: account) }
        return account
    }

    /// A copy of a shared content image as the account's asset (the service adopts the file).
    func upload(_ image: String = "cornell.jpg", account: String) throws -> Asset {
        try assets.create(account: account, uploadedFile: try copy(Fixtures.contentImages.appendingPathComponent(image)), declaredName: image)
    }

    /// A custom filter of the account made from one of the shared style images.
    func filter(_ styleImage: String = "goeritz.jpg", account: String) throws -> Filter {
        try filters.create(account: account, styleImage: try copy(Fixtures.styleImages.appendingPathComponent(styleImage)), name: styleImage)
    }

    func request(_ content: Asset, _ filters: [Filter], maxSide: Int? = 128) -> StylizationRequest {
        StylizationRequest(
            content: content.id.rawValue, filters: filters.map { StylizationRequest.FilterChoice(id: $0.id.rawValue) }, maxSide: maxSide)
    }

    func count(_ table: String, where condition: String = "1 = 1", _ parameters: any SQLBindable...) throws -> Int {
        try database.read {
            try $0.queryOne("SELECT count(*) AS n FROM \(table) WHERE \(condition)", parameters: parameters)?.int("n") ?? 0
        }
    }

    /// The pins held for `holder` (a job id): asset ids and filter ids.
    func pins(of holder: String) throws -> (assets: [String], filters: [String]) {
        try database.read { connection in
            let assets = try connection.query("SELECT asset_id FROM asset_pins WHERE holder = ? ORDER BY asset_id", holder)
            let filters = try connection.query("SELECT filter_id FROM filter_pins WHERE holder = ? ORDER BY filter_id", holder)
            return (try assets.map { try $0.string("asset_id") }, try filters.map { try $0.string("filter_id") })
        }
    }

    /// Nothing of a refused submission remains: no job, no inputs, no pin, no reserved frame.
    func assertNothingSubmitted(account: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try count("jobs", where: "account_id = ?", account), 0, "jobs", file: file, line: line)
        XCTAssertEqual(try count("stylization_inputs"), 0, "recorded inputs", file: file, line: line)
        XCTAssertEqual(try count("asset_pins"), 0, "asset pins", file: file, line: line)
        XCTAssertEqual(try count("filter_pins"), 0, "filter pins", file: file, line: line)
        XCTAssertEqual(try quotas.usage(account: account).reservedFrames, 0, "reserved frames", file: file, line: line)
    }

    /// Polls until `condition` holds or `timeout` passes.
    func eventually(timeout: TimeInterval = 60, _ message: String = "condition not met in time",
                    file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTFail(message, file: file, line: line)
    }

    private func copy(_ file: URL) throws -> URL {
        let copy = directory.appendingPathComponent("uploads/\(UUID().uuidString)-\(file.lastPathComponent)")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: copy)
        return copy
    }
}
