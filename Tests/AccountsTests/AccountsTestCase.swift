import Accounts
import Foundation
import Storage
import TestSupport
import XCTest

/// A fresh database from the repository's real migrations (a SQLite file, or a PostgreSQL database
/// with `STYLIFY_TEST_DATABASE=postgresql`), and services with cheap scrypt.
class AccountsTestCase: XCTestCase {
    var directory: URL!
    var clock: ManualClock!
    var testDatabase: TestDatabase!
    var database: (any SQLDatabase)!
    var services: AccountServices!

    var databaseURL: URL { directory.appendingPathComponent("stylify.sqlite") }
    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("accounts")
        clock = ManualClock()
        testDatabase = try TestDatabase(in: directory, label: "accounts")
        database = try openDatabase()
        services = makeServices()
    }

    override func tearDownWithError() throws {
        services = nil
        database = nil
        testDatabase?.drop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Another handle on the test's database, as another process has.
    func openDatabase() throws -> any SQLDatabase {
        try testDatabase.open()
    }

    func makeServices(database: (any SQLDatabase)? = nil, _ adjust: (inout AccountsConfiguration) -> Void = { _ in }) -> AccountServices {
        var configuration = AccountsConfiguration()
        configuration.passwordHashing = .testing
        configuration.clock = clock
        adjust(&configuration)
        return AccountServices(database: database ?? self.database, configuration: configuration)
    }

    @discardableResult
    func signUp(_ email: String = "ada@example.com", password: String = "correct horse") throws -> SignUpResult {
        try services.registration.signUp(email: email, password: password, name: "Ada")
    }

    func count(_ table: String) throws -> Int {
        try database.read { try $0.queryOne("SELECT count(*) AS n FROM \(table)")!.int("n") }
    }
}


func XCTAssertThrowsAccountsError<T>(_ expression: @autoclosure () throws -> T, _ expected: AccountsError, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        XCTAssertEqual(error as? AccountsError, expected, file: file, line: line)
    }
}
