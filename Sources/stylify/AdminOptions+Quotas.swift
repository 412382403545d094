import Foundation
import Quotas
import Storage

extension AdminOptions {
    /// Opens the existing database and the Quotas service on it (never creates the file).
    func openQuotas() throws -> QuotaService {
        do {
            let configuration = Database.Configuration(
                readerCount: 1, createIfMissing: false, schemaDirectory: schemaDirectory
            )
            return try QuotaService(database: try Database(url: databaseURL, configuration: configuration))
        } catch {
            throw CommandFailure(error)
        }
    }
}
