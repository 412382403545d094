import Foundation
import Postgres
import Storage
import TestSupport
import XCTest

/// Common set-up: a fresh database on the shared test cluster for every test (dropped after it),
/// and a temp schema directory whose `postgresql/` folder (and, for conformance tests, the
/// directory itself for SQLite) holds test migrations.
class PostgresTestCase: XCTestCase {
    var cluster: PostgresTestCluster!
    /// The test's own database.
    var databaseURL: String!
    /// The test database's name (the last part of `databaseURL`).
    var databaseName: String { String(databaseURL.split(separator: "/").last ?? "") }
    var directory: URL!
    /// A schema directory (SQLite migrations in it, PostgreSQL ones in `postgresql/`).
    var schema: URL!
    private var opened: [PostgresDatabase] = []

    /// The project's real migrations.
    static let projectSchema = Fixtures.repositoryRoot.appendingPathComponent("Schema")

    override func setUpWithError() throws {
        cluster = try PostgresTestCluster.sharedOrSkip()
        databaseURL = try cluster.createDatabase(name)
        directory = try Fixtures.temporaryDirectory("postgres")
        schema = directory.appendingPathComponent("Schema")
        try FileManager.default.createDirectory(at: schema.appendingPathComponent("postgresql"), withIntermediateDirectories: true)
        try writeMigration("0001_items.sql", postgres: """
            CREATE TABLE items (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL UNIQUE,
                note text,
                payload bytea,
                score double precision,
                amount bigint,
                created_at bigint
            );
            """, sqlite: """
            CREATE TABLE items (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                note TEXT,
                payload BLOB,
                score REAL,
                amount INTEGER,
                created_at INTEGER
            ) STRICT;
            """)
    }

    override func tearDownWithError() throws {
        opened.forEach { $0.closeIdleConnections() }
        opened.removeAll()
        if let databaseURL { cluster?.dropDatabase(url: databaseURL) }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Writes one migration for each dialect (the SQLite one only when given).
    func writeMigration(_ name: String, postgres: String, sqlite: String? = nil) throws {
        try postgres.write(to: schema.appendingPathComponent("postgresql/\(name)"), atomically: true, encoding: .utf8)
        if let sqlite { try sqlite.write(to: schema.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    }

    /// Opens the test database with the test schema (or `schemaDirectory`).
    func open(
        url: String? = nil, schemaDirectory: URL? = nil, maximumConnections: Int = 4, maximumAttempts: Int = 10
    ) throws -> PostgresDatabase {
        let database = try PostgresDatabase(url: url ?? databaseURL, configuration: .init(
            maximumConnections: maximumConnections, connectionWaitLimit: 10, maximumAttempts: maximumAttempts,
            schemaDirectory: schemaDirectory ?? schema))
        opened.append(database)
        return database
    }

    /// The SQLite database of the same test schema, for conformance comparisons.
    func openSQLite() throws -> Database {
        try Database(url: directory.appendingPathComponent("test.sqlite"), configuration: .init(readerCount: 2, schemaDirectory: schema))
    }

    /// Runs `body` on `count` threads at once and returns their results in thread order.
    func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, Error>] {
        let results = ResultSlots<T>(count)
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                results.set(index, Result { try body(index) })
                group.leave()
            }
        }
        group.wait()
        return results.all
    }
}

/// Results written by several threads, read once all have finished.
final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, Error>?]

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var all: [Result<T, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
