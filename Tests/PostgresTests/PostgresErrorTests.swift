import Common
import Foundation
import Postgres
import Storage
import XCTest

/// Every way of failing to reach the database gives one clear sentence, and server errors map to
/// the same `StorageError` cases as SQLite's.
final class PostgresErrorTests: PostgresTestCase {
    private func openError(_ url: String, file: StaticString = #filePath, line: UInt = #line) -> StorageError? {
        do {
            _ = try open(url: url)
            XCTFail("\(url) opened", file: file, line: line)
            return nil
        } catch let error as StorageError {
            XCTAssertFalse(error.description.contains("\n"), "more than one line: \(error.description)", file: file, line: line)
            XCTAssertFalse(error.description.contains(cluster.password), "the password leaked: \(error.description)", file: file, line: line)
            return error
        } catch {
            XCTFail("not a StorageError: \(error)", file: file, line: line)
            return nil
        }
    }

    func testWrongPasswordNamesTheUser() throws {
        let error = openError(cluster.url(database: "postgres", password: "wrong"))
        XCTAssertEqual(error, .authenticationFailed(user: cluster.user, server: "127.0.0.1:\(cluster.port)"))
        XCTAssertEqual(error?.description,
            "database server 127.0.0.1:\(cluster.port) refused user '\(cluster.user)': wrong password, unknown user or no access allowed for it")
    }

    func testUnknownUserIsAnAuthenticationFailure() {
        XCTAssertEqual(openError(cluster.url(database: "postgres", user: "nobody", password: "x")),
                       .authenticationFailed(user: "nobody", server: "127.0.0.1:\(cluster.port)"))
    }

    func testMissingDatabaseIsNamed() {
        let error = openError(cluster.url(database: "no_such_database"))
        XCTAssertEqual(error, .databaseNotFound(name: "no_such_database", server: "127.0.0.1:\(cluster.port)"))
    }

    func testUnreachablePortSaysTheServerIsUnavailable() throws {
        let closedPort = try Self.closedPort()
        let error = openError(cluster.url(database: "postgres", port: closedPort))
        guard case .unavailable(let server, let message)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(server, "127.0.0.1:\(closedPort)")
        XCTAssertEqual(message, "Connection refused")
    }

    func testMalformedURLIsRefusedBeforeConnecting() {
        guard case .invalidDatabaseURL? = openError("postgres://\(cluster.user)@127.0.0.1:\(cluster.port)") else {
            return XCTFail("expected invalidDatabaseURL")
        }
        guard case .invalidDatabaseURL? = openError("mysql://root@127.0.0.1/app") else { return XCTFail("expected invalidDatabaseURL") }
    }

    func testUniqueForeignKeyCheckAndNotNullViolationsAreConstraintViolations() throws {
        let database = try open(schemaDirectory: Self.projectSchema)
        try database.writeTransaction { connection in
            try connection.run("INSERT INTO accounts (id, plan, created_at, updated_at) VALUES ('acct_a', 'free', 0, 0)")
        }
        let statements: [(String, [any SQLBindable])] = [
            ("INSERT INTO accounts (id, plan, created_at, updated_at) VALUES ('acct_a', 'free', 0, 0)", []),
            ("INSERT INTO users (id, account_id, email, password_hash, created_at) VALUES ('usr_x', 'acct_missing', 'a@b', 'h', 0)", []),
            ("UPDATE accounts SET status = ? WHERE id = 'acct_a'", ["deleted"]),
            ("INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, 0)", [String(repeating: "a", count: 64), Optional<Int>.none]),
            ("INSERT INTO blobs (sha256, size, created_at) VALUES (?, 1, 0)", ["short"]),
        ]
        for (sql, parameters) in statements {
            XCTAssertThrowsError(try database.writeTransaction { try $0.run(sql, parameters: parameters) }) { error in
                guard case StorageError.constraintViolation = error else { return XCTFail("\(sql): \(error)") }
            }
        }
    }

    func testTheUnknownPlanTriggerSpeaksLikeSQLites() throws {
        let database = try open(schemaDirectory: Self.projectSchema)
        XCTAssertThrowsError(try database.writeTransaction {
            try $0.run("INSERT INTO accounts (id, plan, created_at, updated_at) VALUES ('acct_a', 'gold', 0, 0)")
        }) { error in
            XCTAssertEqual(error as? StorageError, .constraintViolation(message: "unknown plan"))
        }
        try database.writeTransaction { try $0.run("INSERT INTO accounts (id, plan, created_at, updated_at) VALUES ('acct_a', 'free', 0, 0)") }
        XCTAssertThrowsError(try database.writeTransaction { try $0.run("UPDATE accounts SET plan = 'gold' WHERE id = 'acct_a'") }) { error in
            XCTAssertEqual(error as? StorageError, .constraintViolation(message: "unknown plan"))
        }
    }

    func testAReadTransactionRefusesWrites() throws {
        let database = try open()
        XCTAssertThrowsError(try database.readTransaction { try $0.run("INSERT INTO items (name) VALUES ('x')") }) { error in
            XCTAssertEqual((error as? StorageError).flatMap { if case .postgres(let state, _) = $0 { state } else { nil } }, "25006")
        }
    }

    func testASyntaxErrorCarriesItsSQLState() throws {
        let database = try open()
        XCTAssertThrowsError(try database.readTransaction { try $0.query("SELEC 1") }) { error in
            guard case StorageError.postgres(let sqlstate, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(sqlstate, "42601")
            XCTAssertTrue(message.contains("SELEC"), message)
        }
    }

    /// A loopback port nobody listens on: bound, then closed.
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// What a client sees for database failures (through `DomainError`).
final class DatabaseFailureCategoryTests: XCTestCase {
    func testAnUnreachableDatabaseIsA503WithRetryAfter() {
        let error = StorageError.unavailable(server: "db:5432", message: "Connection refused")
        XCTAssertEqual(error.category, .unavailable)
        XCTAssertEqual(error.code, "database_unavailable")
        XCTAssertEqual(error.retryAfter, 5)
        XCTAssertFalse(error.detail.contains("db:5432"), "the client's detail never names the server")
    }

    func testRefusedCredentialsWaitLongerForAnOperator() {
        XCTAssertEqual(StorageError.authenticationFailed(user: "u", server: "db:5432").retryAfter, 30)
        XCTAssertEqual(StorageError.databaseNotFound(name: "d", server: "db:5432").category, .unavailable)
        XCTAssertEqual(StorageError.postgres(sqlstate: "42601", message: "syntax").category, .internalFailure)
    }
}
