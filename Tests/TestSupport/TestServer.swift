import Foundation
import HTTPServer

/// A real server on 127.0.0.1, port 0, with the routes a test registers; stopped by `stop()`.
public final class TestServer: @unchecked Sendable {
    public let server: HTTPServer
    public let directory: URL

    public var port: Int { server.port }
    public var baseURL: String { server.baseURL }

    public init(
        configure: (inout ServerConfiguration) -> Void = { _ in },
        routes: (inout Router) -> Void = { _ in }
    ) throws {
        directory = try Fixtures.temporaryDirectory("api")
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.ioThreads = 2
        configuration.workerThreads = 4
        configuration.temporaryDirectory = directory.appendingPathComponent("spool")
        configuration.accessLog = AccessLog(format: .off)
        configuration.shutdownGracePeriod = .seconds(3)
        configure(&configuration)
        var router = Router()
        routes(&router)
        server = HTTPServer(configuration: configuration, router: router)
        try server.start()
    }

    /// A server with default test settings and the given routes.
    public static func serving(_ routes: (inout Router) -> Void) throws -> TestServer {
        try TestServer(configure: { _ in }, routes: routes)
    }

    public func stop() {
        server.shutdown(gracePeriod: .seconds(2))
        try? FileManager.default.removeItem(at: directory)
    }

    /// Files currently in the spool directory (request bodies that went to disk).
    public func spooledFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("spool").path)) ?? []
    }
}
