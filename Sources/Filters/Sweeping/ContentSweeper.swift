import Common
import Foundation
import Quotas
import Storage

/// Housekeeping, run now and then (and at start-up): drops expired pins, removes assets past
/// their retention and deleted filters and assets that no job pins any more, then deletes blobs
/// nothing references (and files no row knows, and abandoned partial uploads) older than the
/// grace period.
///
/// Safe to run while jobs and uploads run: a pinned row is never removed, and a blob is deleted
/// only inside a write transaction that finds no reference to it.
public struct ContentSweeper: Sendable {
    let database: any SQLDatabase
    let registry: BlobRegistry
    let clock: any Clock
    /// How long an unreferenced blob is kept; covers an upload that has stored its bytes but
    /// not yet committed its row.
    public let gracePeriod: TimeInterval

    public init(database: any SQLDatabase, blobs: any BlobStore, clock: any Clock = .system, gracePeriod: TimeInterval = 3600) {
        self.database = database
        registry = BlobRegistry(database: database, store: blobs)
        self.clock = clock
        self.gracePeriod = gracePeriod
    }

    /// What one sweep removed.
    public struct Report: Sendable, Equatable {
        public var expiredPins = 0
        /// Assets past retention or deleted, no longer pinned.
        public var assets = 0
        /// Deleted filters no longer pinned.
        public var filters = 0
        public var blobs = BlobSweepReport()
    }

    /// - Throws: `FiltersError.storage`.
    public func sweep() throws -> Report {
        try FiltersError.wrapping {
            var report = Report()
            let now = clock.now
            try database.writeTransaction { connection in
                report.expiredPins = try AssetRecords.removeExpiredPins(now: now, in: connection)
                    + FilterRecords.removeExpiredPins(now: now, in: connection)
                report.assets = try AssetRecords.purge(now: now, in: connection)
                report.filters = try FilterRecords.purge(now: now, in: connection)
            }
            report.blobs = try registry.sweep(olderThan: now.addingTimeInterval(-gracePeriod))
            return report
        }
    }
}
