import Foundation
import Storage

/// Pins: how a queued or running job keeps the filters it uses.
extension FilterService {
    /// Pins every filter in `ids` for `holder` (a job id) until `until`, all or none: while a pin
    /// is live, deleting the filter hides it from everyone but leaves its row and style codes for
    /// the holder. Pinning again moves the expiry (a renewal).
    ///
    /// - Throws: `FiltersError.notFound` for a filter the account cannot use (nothing is pinned).
    public func pin(_ ids: [FilterID], account: String, holder: String, until: Date) throws {
        try FiltersError.wrapping {
            try content.database.writeTransaction { try pin(ids, account: account, holder: holder, until: until, in: $0) }
        }
    }

    /// `pin` inside the caller's write transaction on this service's database, so the pins are
    /// kept exactly when the caller's other writes are (a job submission that pins its filters).
    ///
    /// - Throws: `FiltersError.notFound` for a filter the account cannot use (deleted meanwhile);
    ///   the caller's transaction then rolls back, with every pin made so far.
    public func pin(_ ids: [FilterID], account: String, holder: String, until: Date, in connection: any SQLConnection) throws {
        try FiltersError.wrapping {
            let now = content.clock.now
            for id in ids {
                guard try FilterRecords.findUsable(id, account: account, holder: holder, now: now, in: connection) != nil else {
                    throw FiltersError.notFound(resource: .filter, id: id.rawValue)
                }
                try FilterRecords.pin(id, holder: holder, until: until, in: connection)
            }
        }
    }

    /// Drops every filter pin of `holder` (the job finished) and removes filters that were only
    /// kept for it.
    public func unpin(holder: String) throws {
        try FiltersError.wrapping {
            try content.database.writeTransaction { connection in
                try FilterRecords.unpin(holder: holder, in: connection)
                try FilterRecords.purge(now: content.clock.now, in: connection)
            }
        }
    }
}
