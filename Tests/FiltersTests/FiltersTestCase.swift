import Accounts
import Filters
import Foundation
import Inference
import Quotas
import Storage
import TestSupport
import XCTest

/// A fresh data directory per test: a real database from the repository's migrations (SQLite, or
/// PostgreSQL with `STYLIFY_TEST_DATABASE=postgresql`), a real
/// blob folder, real accounts signed up through Accounts, the real MicroAST weights, and a
/// clock the test moves by hand.
class FiltersTestCase: XCTestCase {
    var directory: URL!
    var clock: ManualClock!
    var testDatabase: TestDatabase!
    var database: (any SQLDatabase)!
    var accounts: AccountServices!
    var quotas: QuotaService!
    var blobs: LocalDiskBlobStore!
    var filters: FilterService!
    var assets: AssetService!

    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")
    var databaseURL: URL { directory.appendingPathComponent("stylify.sqlite") }
    var blobRoot: URL { directory.appendingPathComponent("blobs") }

    /// Loaded once for the whole run: the weights are read-only and the models are Sendable.
    nonisolated(unsafe) static var loadedModels: [any StyleTransferModel]?
    static func models() throws -> [any StyleTransferModel] {
        if let loadedModels { return loadedModels }
        let models = try StyleModels.loadAvailable(from: ModelLocator(directory: Fixtures.models))
        loadedModels = models
        return models
    }

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("filters")
        clock = ManualClock()
        testDatabase = try TestDatabase(in: directory, label: "filters")
        try openServices()
        // Blob files get real modification times: start the test's time after the set-up, which
        // on PostgreSQL (a new database, the migrations) takes seconds, not milliseconds.
        clock.set(Date())
    }

    override func tearDownWithError() throws {
        closeServices()
        testDatabase?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// (Re)creates every service on the same files, as a restarted server does.
    func openServices(blobRoot root: URL? = nil) throws {
        database = try testDatabase.open()
        var configuration = AccountsConfiguration()
        configuration.passwordHashing = .testing
        accounts = AccountServices(database: database, configuration: configuration)
        quotas = try QuotaService(database: database, clock: clock)
        blobs = try LocalDiskBlobStore(root: root ?? blobRoot)
        filters = FilterService(database: database, blobs: blobs, quotas: quotas, models: try Self.models(), clock: clock)
        assets = AssetService(database: database, blobs: blobs, quotas: quotas, clock: clock)
    }

    func closeServices() {
        filters = nil
        assets = nil
        quotas = nil
        accounts = nil
        database = nil
    }

    var sweeper: ContentSweeper {
        ContentSweeper(database: database, blobs: blobs, clock: clock, gracePeriod: 3600)
    }

    /// Signs up a new account and puts it on `plan`.
    func makeAccount(plan: String = "free") throws -> String {
        let email = "user-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let account = try accounts.registration.signUp(email: email, password: "correct horse", name: nil).account.id.rawValue
        if plan != "free" { _ = try quotas.administration.setPlan(plan, forAccount: account) }
        return account
    }

    func style(_ name: String) -> URL { Fixtures.styleImages.appendingPathComponent(name) }
    func contentImage(_ name: String) -> URL { Fixtures.contentImages.appendingPathComponent(name) }

    /// Writes `data` to a file in the test directory (an upload spooled by the HTTP layer).
    func upload(_ data: Data, named name: String = "upload.bin") throws -> URL {
        let url = directory.appendingPathComponent("uploads/\(UUID().uuidString)-\(name)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    func count(_ table: String) throws -> Int {
        try database.read { try $0.queryOne("SELECT count(*) AS n FROM \(table)")?.int("n") ?? 0 }
    }

    /// Files under the blob root, temporary ones included.
    func filesInBlobStore(root: URL? = nil) -> [String] {
        let root = root ?? blobRoot
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url.path.replacingOccurrences(of: root.path + "/", with: ""))
            }
        }
        return files.sorted()
    }

    /// Nothing of a refused request may remain: no rows, no blobs, no temporary files.
    func assertNothingStored(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try count("filters"), 0, "filter rows", file: file, line: line)
        XCTAssertEqual(try count("assets"), 0, "asset rows", file: file, line: line)
        XCTAssertEqual(try count("blobs"), 0, "blob rows", file: file, line: line)
        XCTAssertEqual(filesInBlobStore(), [], "blob files", file: file, line: line)
    }
}

func XCTAssertThrowsFiltersError<T>(
    _ expression: @autoclosure () throws -> T, _ expected: FiltersError, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        XCTAssertEqual(error as? FiltersError, expected, file: file, line: line)
    }
}
