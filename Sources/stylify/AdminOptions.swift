import Accounts
import ArgumentParser
import Foundation
import Postgres
import Quotas
import Storage

/// Options every `stylify admin` command takes.
struct AdminOptions: ParsableArguments {
    @Option(help: SettingKey.dataDir.help("Data directory holding stylify.sqlite", valueName: "dir"))
    var dataDir: String?

    @Option(help: SettingKey.databaseURL.help(SettingKey.databaseURL.summary, valueName: "url"))
    var databaseURL: String?

    @Option(help: SettingKey.schemaDir.help(SettingKey.schemaDir.summary, valueName: "dir"))
    var schemaDir: String?

    @Flag(help: "Print JSON for scripts instead of a table.")
    var json = false

    /// The SQLite file, used when no database URL is configured.
    var sqliteFile: URL {
        let directory = SettingsReader().path(dataDir, .dataDir) ?? URL(fileURLWithPath: "data")
        return directory.appendingPathComponent("stylify.sqlite")
    }

    /// `--schema-dir`, else `STYLIFY_SCHEMA`; nil lets `SchemaLocator` find it.
    var schemaDirectory: URL? {
        SettingsReader().path(schemaDir, .schemaDir)
    }

    /// Opens the existing database (never creates one: an operator with a mistyped data
    /// directory should get "not found", not an empty database) and the Accounts services on it.
    func openServices() throws -> AccountServices {
        AccountServices(database: try openDatabase())
    }

    /// Opens the existing database and the Quotas service on it (never creates the file).
    func openQuotas() throws -> QuotaService {
        do {
            return try QuotaService(database: try openDatabase())
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The PostgreSQL database of `--database-url` / `STYLIFY_DATABASE_URL`, else the SQLite file.
    private func openDatabase() throws -> any SQLDatabase {
        do {
            return try DatabaseSelection.open(
                url: try ServeSettings.databaseURL(databaseURL, SettingsReader()), sqliteFile: sqliteFile,
                sqlite: Database.Configuration(readerCount: 1, createIfMissing: false, schemaDirectory: schemaDirectory),
                postgres: PostgresDatabase.Configuration(maximumConnections: 2, schemaDirectory: schemaDirectory))
        } catch {
            throw CommandFailure(error)
        }
    }
}
