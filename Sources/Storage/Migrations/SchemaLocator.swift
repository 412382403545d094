import Common
import Foundation

/// Finds the directory of migration files at run time.
///
/// Order: the explicit directory (`--schema-dir` or `STYLIFY_SCHEMA`, resolved by the caller),
/// then what `ResourceLocator` finds: `Schema/` in the current directory, beside a
/// `Package.swift` in a parent of the executable, or in the repository the program was compiled
/// from. An explicit path that is not a directory of migrations is an error, not skipped.
///
/// Each dialect has its own migrations: SQLite's are the `.sql` files of the schema directory
/// itself, PostgreSQL's those of its `postgresql/` subfolder (`Schema/postgresql/0001_….sql`). An
/// explicit path always names the schema directory, never the subfolder.
public enum SchemaLocator {
    static let resource = ResourceLocator(folder: "Schema") { url in
        ResourceLocator.isDirectory(url) { $0.hasSuffix(".sql") }
    }

    /// A schema directory whose `postgresql/` folder holds migrations.
    static let postgresResource = ResourceLocator(folder: "Schema") { url in
        ResourceLocator.isDirectory(migrationsFolder(of: url, dialect: .postgresql)) { $0.hasSuffix(".sql") }
    }

    public static func locate(
        explicit: URL?,
        dialect: SQLDialect = .sqlite,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) throws -> URL {
        let resource = dialect == .sqlite ? resource : postgresResource
        if let explicit {
            guard resource.accepts(explicit) else {
                throw StorageError.schemaDirectoryNotFound(tried: [migrationsFolder(of: explicit, dialect: dialect).path])
            }
            return migrationsFolder(of: explicit, dialect: dialect)
        }
        if let found = resource.locate(currentDirectory: currentDirectory, executable: executable) {
            return migrationsFolder(of: found, dialect: dialect)
        }
        throw StorageError.schemaDirectoryNotFound(
            tried: resource.candidates(currentDirectory: currentDirectory, executable: executable).map { migrationsFolder(of: $0, dialect: dialect).path })
    }

    /// The folder holding `dialect`'s migrations inside the schema directory `root`.
    public static func migrationsFolder(of root: URL, dialect: SQLDialect) -> URL {
        switch dialect {
        case .sqlite: root
        case .postgresql: root.appendingPathComponent("postgresql")
        }
    }
}
