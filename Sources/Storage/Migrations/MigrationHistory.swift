/// What a database's `schema_migrations` table says against the migration files, the same for
/// both dialects: applied migrations must match their files byte for byte (checksum), and the
/// database must not know a migration the files do not.
public struct MigrationHistory: Sendable {
    /// One row of `schema_migrations`.
    public struct Applied: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String

        public init(version: Int, name: String, checksum: String) {
            self.version = version
            self.name = name
            self.checksum = checksum
        }
    }

    /// The migration files, sorted by version.
    public let files: [Migration]

    public init(files: [Migration]) {
        self.files = files
    }

    /// The files not yet applied, in version order, after checking every applied one.
    ///
    /// - Throws: `StorageError.unknownAppliedMigration` when the database has a version no file
    ///   has (a newer program wrote it), `.migrationEdited` when a file changed after it was
    ///   applied.
    public func pending(applied: [Applied]) throws -> [Migration] {
        var appliedVersions = Set<Int>()
        for row in applied {
            guard let file = files.first(where: { $0.version == row.version }) else {
                throw StorageError.unknownAppliedMigration(version: row.version, name: row.name)
            }
            guard file.checksum == row.checksum else {
                throw StorageError.migrationEdited(version: row.version, name: file.name, recorded: row.checksum, found: file.checksum)
            }
            appliedVersions.insert(row.version)
        }
        return files.filter { !appliedVersions.contains($0.version) }
    }

    /// Reads the applied rows from a `schema_migrations` query result (`version`, `name`,
    /// `checksum` columns).
    public static func applied(from rows: [Row]) throws -> [Applied] {
        try rows.map { row in
            Applied(version: try row.int("version"), name: try row.string("name"), checksum: try row.string("checksum"))
        }
    }
}
