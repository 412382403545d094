import API
import Accounts
import Foundation
import Quotas
import Storage
import XCTest

/// An end-to-end suite whose server has the quota wiring of `stylify serve` (rate limits, the
/// `/v1/me` quota section) and one upload route, `POST /v1/test-uploads`, admitted by the real
/// `UploadAdmission`; it answers `{"bytes": n}` with the body size it received. `POST
/// /v1/test-jobs?frames=&width=&height=` admits a video job (frames reserved for 60 s) and lets
/// the `QuotaError` out as a real handler would.
class QuotasTestCase: EndToEndTestCase {
    override func makeServer() throws -> AccountsServer {
        try AccountsServer(withQuotas: true) { router, accounts, quotas in
            let stack = AuthenticatedRoutes(authenticator: accounts.authenticator, rateLimiting: quotas.rateLimiting)
            let uploads = quotas.uploadAdmission(authenticated: stack)
            router.group("/v1", middleware: stack.middleware) { v1 in
                v1.post("/test-uploads", options: uploads.routeOptions()) { request in
                    .json(["bytes": request.body.count])
                }
                // A job admission as the stylization endpoints will do it: quota errors rethrown as they come.
                v1.post("/test-jobs") { request in
                    let account = try request.principal().accountID.rawValue
                    func number(_ name: String) -> Int64 { request.query(name).flatMap { Int64($0) } ?? 1 }
                    _ = try quotas.quotas.admitVideo(
                        account: account, frames: number("frames"), width: number("width"), height: number("height"), lease: 60)
                    return .json(["admitted": true], status: .created)
                }
            }
        }
    }

    /// Another process's view of the server's database (the operator CLI's): its own connection
    /// and its own limits cache, so a change made through it reaches the server only through SQLite.
    func operatorQuotas() throws -> QuotaService {
        let database = try Database(
            url: server.databaseURL, configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        return try QuotaService(database: database)
    }

    /// Repeats `probe` until it returns true, for at most `seconds`; returns how long that took.
    @discardableResult
    func eventually(within seconds: TimeInterval, _ what: String, file: StaticString = #filePath, line: UInt = #line, _ probe: () throws -> Bool) throws -> TimeInterval {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if try probe() { return Date().timeIntervalSince(start) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("\(what) not seen within \(seconds) s", file: file, line: line)
        return seconds
    }

    /// Parses `"minute";r=57;t=41` / `"minute";q=60;w=60` into its parameters.
    func parameters(of field: String?, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Int] {
        let field = try XCTUnwrap(field, "missing RateLimit field", file: file, line: line)
        let parts = field.split(separator: ";")
        XCTAssertEqual(parts.first, "\"minute\"", field, file: file, line: line)
        var result: [String: Int] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, let value = Int(pair[1]) { result[String(pair[0])] = value }
        }
        return result
    }
}
