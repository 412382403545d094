import Foundation
import Storage
import XCTest

/// Storage failures reach clients as typed problems that show no internals, and change nothing.
final class StorageFailureTests: EndToEndTestCase {
    override func makeServer() throws -> AccountsServer {
        try AccountsServer(busyTimeout: 0.2)
    }

    func testWriteBlockedByAnotherProcessIs503BusyWithRetryAfterAndCreatesNothing() throws {
        let ada = try signUp("ada@example.com")
        let other = try Database(url: server.databaseURL, configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? other.write { _ in
                holding.signal()
                _ = release.wait(timeout: .now() + 10)
            }
            released.signal()
        }
        holding.wait()
        let response = try client.post("/v1/api-keys", json: ["name": "blocked"], token: ada.sessionToken)
        release.signal()
        released.wait()
        try assertProblem(response, status: 503, code: "busy")
        XCTAssertEqual(response.header("Retry-After"), "1")
        XCTAssertTrue(try server.accounts.administration.listAPIKeys(includeRevoked: true).isEmpty)
        XCTAssertEqual(try client.post("/v1/api-keys", json: ["name": "later"], token: ada.sessionToken).status, 201)
    }

    func testBrokenSchemaIs500InternalWithoutLeakingSQL() throws {
        let ada = try signUp("ada@example.com")
        let other = try Database(url: server.databaseURL, configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        try other.write { _ = try $0.run("DROP TABLE api_keys") }

        let response = try client.get("/v1/api-keys", token: ada.sessionToken)
        let problem = try assertProblem(response, status: 500, code: "internal")
        XCTAssertEqual(problem["detail"] as? String, "Internal error.")
        for secret in ["api_keys", "SQL", "sqlite", "no such table", server.directory.path] {
            XCTAssertFalse(response.text.contains(secret), "leaked \(secret)")
        }
        XCTAssertEqual(try client.get("/v1/me", token: ada.sessionToken).status, 200, "other endpoints keep working")
    }
}
