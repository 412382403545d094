import Foundation
import Postgres
import Storage
import XCTest

/// The database engine the module tests run on: SQLite unless `STYLIFY_TEST_DATABASE=postgresql`
/// is set, so `STYLIFY_TEST_DATABASE=postgresql swift test --filter QuotasTests` runs the same
/// test classes, with the same assertions, on a fresh database of the loopback test cluster.
public enum TestDatabaseEngine: String, Sendable, CaseIterable {
    case sqlite
    case postgresql

    /// The engine named by `STYLIFY_TEST_DATABASE` (`sqlite`, `postgresql` or `postgres`;
    /// unset or empty: SQLite). An unknown name stops the test run rather than quietly testing
    /// SQLite again.
    public static let current: TestDatabaseEngine = {
        let name = ProcessInfo.processInfo.environment["STYLIFY_TEST_DATABASE"]?.lowercased() ?? ""
        switch name {
        case "", "sqlite": return .sqlite
        case "postgresql", "postgres": return .postgresql
        default: fatalError("STYLIFY_TEST_DATABASE=\(name): expected sqlite or postgresql")
        }
    }()
}

/// One fresh test database with the repository's real migrations, on either engine: a SQLite
/// file in the test's directory, or a new database on `PostgresTestCluster.shared()` (a copy of
/// a migrated template, `MigratedDatabaseSupply`). `open()` may be called several times, for
/// several handles on the same data (as separate processes have); `drop()` removes the
/// PostgreSQL database when the test ends.
public final class TestDatabase: @unchecked Sendable {
    public let engine: TestDatabaseEngine
    /// The SQLite file (also set on PostgreSQL, where nothing is written to it).
    public let sqliteFile: URL
    /// The PostgreSQL URL; nil on SQLite.
    public let postgresURL: String?
    public static let schema = Fixtures.repositoryRoot.appendingPathComponent("Schema")

    /// A new, empty database for a test. On PostgreSQL the test is skipped when the test cluster
    /// cannot start (a failure with `CI=true`, see `PostgresTestCluster.sharedOrSkip()`).
    ///
    /// - Parameters:
    ///   - engine: default `TestDatabaseEngine.current`.
    ///   - directory: where the SQLite file lives.
    ///   - label: part of the PostgreSQL database's name, for `pg_stat_activity`.
    public init(_ engine: TestDatabaseEngine = .current, in directory: URL, file: String = "stylify.sqlite", label: String = "test") throws {
        self.engine = engine
        sqliteFile = directory.appendingPathComponent(file)
        switch engine {
        case .sqlite: postgresURL = nil
        case .postgresql: postgresURL = try MigratedDatabaseSupply.next(label: label)
        }
    }

    /// Opens the database (on SQLite the first time creates and migrates it; a PostgreSQL one
    /// comes migrated from `MigratedDatabaseSupply`).
    ///
    /// - Parameters:
    ///   - readerCount: SQLite reader connections.
    ///   - connections: PostgreSQL pool size (each is one server process).
    public func open(readerCount: Int = 2, connections: Int = 4, createIfMissing: Bool = true) throws -> any SQLDatabase {
        switch engine {
        case .sqlite:
            return try Database(url: sqliteFile, configuration: .init(
                readerCount: readerCount, createIfMissing: createIfMissing, schemaDirectory: Self.schema))
        case .postgresql:
            return try PostgresDatabase(url: postgresURL!, configuration: .init(
                maximumConnections: connections, schemaDirectory: Self.schema))
        }
    }

    /// The database as one string, for a child process: the PostgreSQL URL or the SQLite path.
    public var location: String { postgresURL ?? sqliteFile.path }

    /// What a child `stylify` process needs to use this database: `STYLIFY_DATABASE_URL` on
    /// PostgreSQL, nothing on SQLite (the file is found from `--data-dir`).
    public var environment: [String: String] {
        postgresURL.map { ["STYLIFY_DATABASE_URL": $0] } ?? [:]
    }

    /// Opens the database a `location` names (in a child process).
    public static func open(location: String) throws -> any SQLDatabase {
        let postgres = location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
        return try DatabaseSelection.open(
            url: postgres ? location : nil, sqliteFile: URL(fileURLWithPath: location),
            sqlite: .init(schemaDirectory: schema), postgres: .init(maximumConnections: 4, schemaDirectory: schema))
    }

    /// Drops the PostgreSQL database (disconnecting whoever is left); nothing on SQLite, whose
    /// file goes with the test's directory.
    public func drop() {
        guard let postgresURL, let cluster = try? PostgresTestCluster.shared() else { return }
        cluster.dropDatabase(url: postgresURL)
    }
}

extension SQLDatabase {
    /// Tests' shorthand for `readTransaction`, so test bodies read the same on both engines.
    @discardableResult
    public func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try readTransaction(body)
    }

    /// Tests' shorthand for `writeTransaction`.
    @discardableResult
    public func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writeTransaction(body)
    }
}
