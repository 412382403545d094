import Foundation
import Postgres

/// Hands out fresh, fully migrated databases on the test cluster, quickly: each is a copy of one
/// template migrated once per test process, and the copy for the next test is made in the
/// background while the current test runs. Before this, half the time of the PostgreSQL test
/// pass went into applying every migration again and into waiting for `CREATE DATABASE`.
enum MigratedDatabaseSupply {
    nonisolated(unsafe) private static var template: Result<String, Error>?
    nonisolated(unsafe) private static var spare: Spare?
    private static let lock = NSLock()

    /// A database being copied in the background; `url` waits for it.
    private final class Spare: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var outcome: Result<String, Error>?

        init(cluster: PostgresTestCluster, template: String, label: String) {
            Thread.detachNewThread { [self] in
                outcome = Result { try cluster.createDatabase(label, template: template) }
                done.signal()
            }
        }

        func url() throws -> String {
            done.wait()
            done.signal()
            return try outcome!.get()
        }
    }

    /// A new database for a test (its name carries `label` for the first one only: spares are
    /// made before anyone knows which test takes them).
    static func next(label: String) throws -> String {
        let cluster = try PostgresTestCluster.sharedOrSkip()
        lock.lock()
        defer { lock.unlock() }
        let template = try migratedTemplate(on: cluster)
        let taken = spare
        spare = Spare(cluster: cluster, template: template, label: "spare")
        return try taken?.url() ?? cluster.createDatabase(label, template: template)
    }

    /// Every migration applied, once per process. Its connections are closed at once, since
    /// PostgreSQL copies only a database nobody is connected to.
    private static func migratedTemplate(on cluster: PostgresTestCluster) throws -> String {
        if let template { return try template.get() }
        let outcome = Result<String, Error> {
            let url = try cluster.createDatabase("template")
            let database = try PostgresDatabase(url: url, configuration: .init(maximumConnections: 1, schemaDirectory: TestDatabase.schema))
            database.closeIdleConnections()
            return String(url.split(separator: "/").last!)
        }
        template = outcome
        return try outcome.get()
    }
}
