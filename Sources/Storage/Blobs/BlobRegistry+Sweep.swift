import Foundation

extension BlobRegistry {
    /// Deletes blobs nothing references any more whose row is older than `cutoff`, files no row
    /// knows that are older than `cutoff`, and abandoned partial uploads older than `cutoff`.
    ///
    /// Each deletion happens inside a write transaction that checks the references first, so a
    /// blob that a concurrent upload has just recorded or referenced is never deleted.
    public func sweep(olderThan cutoff: Date, batchSize: Int = 200) throws -> BlobSweepReport {
        var report = BlobSweepReport()
        var after = ""
        while let last = try sweepRecordedBatch(olderThan: cutoff, after: after, limit: batchSize, into: &report) {
            after = last
        }
        for head in try store.list() where head.modified < cutoff {
            let removed = try database.writeTransaction { connection -> Bool in
                guard try !BlobRecords.isRecorded(head.key, connection) else { return false }
                // The file may have been touched by a deduplicating put since it was listed.
                guard let current = try store.head(head.key), current.modified < cutoff else { return false }
                try store.delete(head.key)
                return true
            }
            if removed {
                report.orphanFiles += 1
                report.bytesFreed += head.size
            }
        }
        report.abandonedUploads = try store.removeAbandonedUploads(olderThan: cutoff)
        return report
    }

    /// One batch of unreferenced rows in key order after `after`; returns the last key looked
    /// at, or nil when the batch was the last.
    private func sweepRecordedBatch(olderThan cutoff: Date, after: String, limit: Int, into report: inout BlobSweepReport) throws -> String? {
        let (removed, bytes, last, fetched) = try database.writeTransaction { connection -> (Int, Int64, String?, Int) in
            let rows = try BlobRecords.unreferenced(after: after, createdBefore: cutoff, limit: limit, connection)
            var removed = 0
            var bytes: Int64 = 0
            for row in rows {
                // A deduplicating put may have touched the file since the row was written.
                if let head = try store.head(row.key), head.modified >= cutoff { continue }
                try BlobRecords.delete(row.key, connection)
                try store.delete(row.key)
                removed += 1
                bytes += row.size
            }
            return (removed, bytes, rows.last?.key.hex, rows.count)
        }
        report.unreferencedBlobs += removed
        report.bytesFreed += bytes
        return fetched < limit ? nil : last
    }
}
