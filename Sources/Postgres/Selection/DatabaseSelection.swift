import Foundation
import Storage

/// Opens whichever database the configuration names, for a composition root (`stylify serve`,
/// the admin CLI): PostgreSQL when a `postgres://` URL is given (`STYLIFY_DATABASE_URL`,
/// `--database-url`), otherwise the SQLite file as today.
public enum DatabaseSelection {
    /// - Parameters:
    ///   - url: the database URL; nil or empty selects SQLite.
    ///   - sqliteFile: the SQLite database file used when no URL is given.
    /// - Throws: `StorageError.invalidDatabaseURL` for a URL that is not `postgres://` or
    ///   `postgresql://`, and the open errors of `Database` or `PostgresDatabase`.
    public static func open(
        url: String?,
        sqliteFile: URL,
        sqlite: Database.Configuration = Database.Configuration(),
        postgres: PostgresDatabase.Configuration = PostgresDatabase.Configuration()
    ) throws -> any SQLDatabase {
        guard let url, !url.isEmpty else {
            return try Database(url: sqliteFile, configuration: sqlite)
        }
        return try PostgresDatabase(url: PostgresURL(url), configuration: postgres)
    }

    /// The dialect `url` selects, without opening anything.
    ///
    /// - Throws: `StorageError.invalidDatabaseURL` for a malformed or non-PostgreSQL URL.
    public static func dialect(of url: String?) throws -> SQLDialect {
        guard let url, !url.isEmpty else { return .sqlite }
        _ = try PostgresURL(url)
        return .postgresql
    }
}
