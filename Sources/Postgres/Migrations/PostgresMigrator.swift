import Foundation
import Storage

/// Brings a PostgreSQL database up to the migrations of `Schema/postgresql/`, with the same
/// checks and records as SQLite's migrator (`MigrationHistory`, `schema_migrations`).
///
/// Several nodes may start at once: each takes the session-level advisory lock
/// `stylify.schema_migrations` first, so one applies the pending migrations (all in one
/// transaction) while the others wait, then find nothing left to do. `CREATE TABLE IF NOT EXISTS`
/// runs under the lock too, because concurrent ones can fail on the catalog's unique index.
struct PostgresMigrator {
    let migrations: [Migration]

    static let lockName = "stylify.schema_migrations"

    func migrate(_ pool: PostgresConnectionPool) throws -> [Migration] {
        let key = PostgresAdvisoryLock.key(for: Self.lockName)
        return try pool.withConnection { connection in
            try connection.run("SELECT pg_advisory_lock(?)", key)
            defer { _ = try? connection.run("SELECT pg_advisory_unlock(?)", key) }
            try connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version bigint PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at bigint NOT NULL
                )
                """)
            try connection.executeScript("BEGIN ISOLATION LEVEL READ COMMITTED")
            do {
                let applied = try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
                let pending = try MigrationHistory(files: migrations).pending(applied: MigrationHistory.applied(from: applied))
                for migration in pending {
                    do {
                        try connection.executeScript(migration.sql)
                    } catch let error as StorageError {
                        throw StorageError.migrationFailed(version: migration.version, name: migration.name, message: "\(error)")
                    }
                    try connection.run(
                        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                        migration.version, migration.name, migration.checksum, Date())
                }
                try connection.executeScript("COMMIT")
                return pending
            } catch {
                if !connection.isBroken { try? connection.executeScript("ROLLBACK") }
                throw error
            }
        }
    }
}
