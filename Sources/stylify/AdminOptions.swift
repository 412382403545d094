import Accounts
import ArgumentParser
import Foundation
import Storage

/// Options every `stylify admin` command takes.
struct AdminOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Data directory holding stylify.sqlite (env STYLIFY_DATA_DIR, default ./data).", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Directory of schema migrations (env STYLIFY_SCHEMA; default: ./Schema or the build's repository).", valueName: "dir"))
    var schemaDir: String?

    @Flag(help: "Print JSON for scripts instead of a table.")
    var json = false

    var databaseURL: URL {
        let directory = dataDir ?? ProcessInfo.processInfo.environment["STYLIFY_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
        return URL(fileURLWithPath: directory).appendingPathComponent("stylify.sqlite")
    }

    /// Opens the existing database (never creates one: an operator with a mistyped data
    /// directory should get "not found", not an empty database) and the Accounts services on it.
    func openServices() throws -> AccountServices {
        do {
            let configuration = Database.Configuration(
                readerCount: 1, createIfMissing: false, schemaDirectory: schemaDir.map { URL(fileURLWithPath: $0) }
            )
            return AccountServices(database: try Database(url: databaseURL, configuration: configuration))
        } catch {
            throw CommandFailure(error)
        }
    }
}
