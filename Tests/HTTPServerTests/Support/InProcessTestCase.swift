import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Tests that drive the connection state machine through `InProcessClient`: no socket, no event
/// loop, and time that moves only when the test moves it. Spooled bodies go to a fresh directory.
class InProcessTestCase: XCTestCase {
    private(set) var spool: URL!

    override func setUpWithError() throws {
        spool = try Fixtures.temporaryDirectory("in-process")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: spool)
    }

    /// A client of a router holding `routes`, with test settings (no access log, two workers).
    func client(
        configure: (inout ServerConfiguration) -> Void = { _ in }, routes: (inout Router) -> Void
    ) throws -> InProcessClient {
        var configuration = ServerConfiguration()
        configuration.workerThreads = 2
        configuration.accessLog = AccessLog(format: .off)
        configuration.temporaryDirectory = spool
        configure(&configuration)
        var router = Router()
        routes(&router)
        return try InProcessClient(router: router, configuration: configuration)
    }

    /// Files waiting in the spool directory (request bodies that went to disk).
    func spooledFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: spool.path)) ?? []
    }

    /// The routes most tests share: an inline echo, a worker route, and a body summary.
    static func standardRoutes(_ router: inout Router) {
        router.get("/inline/{name}", options: .inline) { request in .text("inline \(request.parameters["name"] ?? "?")") }
        router.get("/worker/{name}") { request in .text("worker \(request.parameters["name"] ?? "?")") }
        router.post("/length", options: RouteOptions(maxBodyBytes: 1000)) { request in
            let bytes = try request.body.collect()
            return .json(["bytes": bytes.count, "sum": bytes.reduce(0) { $0 + Int($1) }])
        }
    }
}
