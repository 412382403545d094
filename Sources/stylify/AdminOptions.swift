import Accounts
import ArgumentParser
import Foundation
import Quotas
import Storage

/// Options every `stylify admin` command takes.
struct AdminOptions: ParsableArguments {
    @Option(help: SettingKey.dataDir.help("Data directory holding stylify.sqlite", valueName: "dir"))
    var dataDir: String?

    @Option(help: SettingKey.schemaDir.help(SettingKey.schemaDir.summary, valueName: "dir"))
    var schemaDir: String?

    @Flag(help: "Print JSON for scripts instead of a table.")
    var json = false

    var databaseURL: URL {
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

    private func openDatabase() throws -> Database {
        do {
            let configuration = Database.Configuration(readerCount: 1, createIfMissing: false, schemaDirectory: schemaDirectory)
            return try Database(url: databaseURL, configuration: configuration)
        } catch {
            throw CommandFailure(error)
        }
    }
}
