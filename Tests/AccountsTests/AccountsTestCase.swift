import Accounts
import Foundation
import Storage
import TestSupport
import XCTest

/// A fresh database file from the repository's real migrations, and services with cheap scrypt.
class AccountsTestCase: XCTestCase {
    var directory: URL!
    var clock: ManualClock!
    var database: Database!
    var services: AccountServices!

    var databaseURL: URL { directory.appendingPathComponent("stylify.sqlite") }
    static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("accounts")
        clock = ManualClock()
        database = try openDatabase()
        services = makeServices()
    }

    override func tearDownWithError() throws {
        services = nil
        database = nil
        try? FileManager.default.removeItem(at: directory)
    }

    func openDatabase() throws -> Database {
        try Database(url: databaseURL, configuration: .init(readerCount: 2, schemaDirectory: Self.schema))
    }

    func makeServices(database: Database? = nil, _ adjust: (inout AccountsConfiguration) -> Void = { _ in }) -> AccountServices {
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
