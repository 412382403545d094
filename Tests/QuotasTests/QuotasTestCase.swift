import Accounts
import Foundation
import Quotas
import Storage
import TestSupport
import XCTest

/// A fresh database (SQLite, or PostgreSQL with `STYLIFY_TEST_DATABASE=postgresql`) from the
/// repository's real migrations, real accounts signed up through
/// the Accounts services, and a `QuotaService` on a clock the test moves by hand.
class QuotasTestCase: XCTestCase {
    var directory: URL!
    var clock: ManualClock!
    var testDatabase: TestDatabase!
    var database: (any SQLDatabase)!
    var accounts: AccountServices!
    var quotas: QuotaService!

    var databaseURL: URL { directory.appendingPathComponent("stylify.sqlite") }
    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("quotas")
        clock = ManualClock()
        testDatabase = try TestDatabase(in: directory, label: "quotas")
        database = try openDatabase()
        var configuration = AccountsConfiguration()
        configuration.passwordHashing = .testing
        accounts = AccountServices(database: database, configuration: configuration)
        quotas = try QuotaService(database: database, clock: clock)
    }

    override func tearDownWithError() throws {
        quotas = nil
        accounts = nil
        database = nil
        testDatabase?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Another handle on the test's database, as another process has.
    func openDatabase() throws -> any SQLDatabase {
        try testDatabase.open()
    }

    /// Signs up a new account (on the free plan) and returns its id.
    func makeAccount(_ email: String? = nil) throws -> String {
        let email = email ?? "user-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        return try accounts.registration.signUp(email: email, password: "correct horse", name: nil).account.id.rawValue
    }

    /// Reserves and commits `frames`, as finished work does.
    func use(_ frames: Int64, by account: String, service: QuotaService? = nil) throws {
        let service = service ?? quotas!
        try service.commit(try service.reserveFrames(account: account, count: frames, lease: 60))
    }
}


/// `2026-11-30T23:59:30Z`-style dates for tests.
func utc(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

func XCTAssertThrowsQuotaError<T>(_ expression: @autoclosure () throws -> T, _ expected: QuotaError, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        XCTAssertEqual(error as? QuotaError, expected, file: file, line: line)
    }
}
