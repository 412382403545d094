import Foundation
import Storage

extension JobRecords {
    /// Jobs that ended (succeeded, failed or canceled) at or after `since`, newest end first, at
    /// most `limit`.
    static func ended(since: Date, limit: Int, _ connection: any SQLConnection) throws -> [Job] {
        // finished_at is Unix milliseconds (Schema/0004_jobs.sql).
        try connection.query("""
            SELECT \(columns) FROM jobs
            WHERE status IN ('succeeded', 'failed', 'canceled') AND finished_at >= ?1
            ORDER BY finished_at DESC LIMIT ?2
            """, Int64(since.timeIntervalSince1970 * 1000), limit).map(job(from:))
    }
}
