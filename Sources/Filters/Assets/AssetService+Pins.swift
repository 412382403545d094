import Foundation
import Storage

/// Pins: how a job keeps its content asset while it runs.
extension AssetService {
    /// Pins the asset for `holder` (a job id) until `until`: while the pin is live the asset
    /// outlives deletion and expiry for that holder. Pinning again moves the expiry (a renewal).
    ///
    /// - Throws: `FiltersError.notFound` when the account cannot see the asset.
    public func pin(_ id: AssetID, account: String, holder: String, until: Date) throws {
        try FiltersError.wrapping {
            try content.database.writeTransaction { try pin(id, account: account, holder: holder, until: until, in: $0) }
        }
    }

    /// `pin` inside the caller's write transaction on this service's database, so the pin is
    /// kept exactly when the caller's other writes are (a job submission that pins its content).
    ///
    /// - Throws: `FiltersError.notFound` when the account cannot see the asset (deleted or
    ///   expired meanwhile); the caller's transaction then rolls back.
    public func pin(_ id: AssetID, account: String, holder: String, until: Date, in connection: any SQLConnection) throws {
        try FiltersError.wrapping {
            guard try AssetRecords.find(id, account: account, now: content.clock.now, holder: holder, in: connection) != nil else {
                throw FiltersError.notFound(resource: .asset, id: id.rawValue)
            }
            try AssetRecords.pin(id, holder: holder, until: until, in: connection)
        }
    }

    /// Drops every asset pin of `holder` (the job finished) and removes the assets that were
    /// only kept for it.
    public func unpin(holder: String) throws {
        try FiltersError.wrapping {
            try content.database.writeTransaction { connection in
                try AssetRecords.unpin(holder: holder, in: connection)
                try AssetRecords.purge(now: content.clock.now, in: connection)
            }
        }
    }
}
