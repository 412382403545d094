import Foundation

/// Brings a database up to the migrations on disk, refusing to start when history disagrees.
struct Migrator {
    let migrations: [Migration]

    /// Verifies applied migrations against their files, then applies the pending ones in version
    /// order, all in one `BEGIN IMMEDIATE` transaction: two processes starting together serialise
    /// here, and the second finds nothing left to do.
    func migrate(_ connection: Connection) throws -> [Migration] {
        try connection.transaction { connection in
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at INTEGER NOT NULL
                )
                """)
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
                    migration.version, migration.name, migration.checksum, Date()
                )
            }
            return pending
        }
    }
}
