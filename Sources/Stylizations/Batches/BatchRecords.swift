import Foundation
import Jobs
import Storage

/// The SQL of tables `stylization_batches` and `stylization_batch_items` (`Schema/0014_batches.sql`).
/// Portable: the same statements run on PostgreSQL.
enum BatchRecords {
    /// Records the batch and its items, inside the transaction that stores their jobs.
    static func insert(_ id: String, account: String, createdAt: Date, jobs: [JobID], _ connection: any SQLConnection) throws {
        try connection.run(
            "INSERT INTO stylization_batches (id, account_id, created_at) VALUES (?1, ?2, ?3)", id, account, createdAt)
        for (position, job) in jobs.enumerated() {
            try connection.run(
                "INSERT INTO stylization_batch_items (batch_id, position, job_id) VALUES (?1, ?2, ?3)", id, position, job.rawValue)
        }
    }

    /// One of the account's batches with its items' statuses; nil when the account has none by that id.
    static func find(_ id: String, account: String, _ connection: any SQLConnection) throws -> StylizationBatch? {
        guard let row = try connection.queryOne(
            "SELECT id, account_id, created_at, completed_at FROM stylization_batches WHERE id = ?1 AND account_id = ?2",
            id, account) else { return nil }
        let items = try connection.query(
            """
            SELECT i.position, i.job_id, j.status FROM stylization_batch_items i JOIN jobs j ON j.id = i.job_id
            WHERE i.batch_id = ?1 ORDER BY i.position
            """, id
        ).map { item in
            StylizationBatch.Item(
                index: try item.int("position"), stylization: JobID(rawValue: try item.string("job_id")),
                status: JobStatus(rawValue: try item.string("status")) ?? .queued)
        }
        return StylizationBatch(
            id: try row.string("id"), account: try row.string("account_id"), createdAt: try row.date("created_at"),
            completedAt: try row.optionalDate("completed_at"), items: items)
    }

    /// The batch a job belongs to, if any.
    static func batch(ofJob job: JobID, _ connection: any SQLConnection) throws -> (id: String, account: String)? {
        try connection.queryOne(
            """
            SELECT b.id, b.account_id FROM stylization_batch_items i JOIN stylization_batches b ON b.id = i.batch_id
            WHERE i.job_id = ?1
            """, job.rawValue
        ).map { (try $0.string("id"), try $0.string("account_id")) }
    }

    /// Marks the batch completed when none of its items is queued or running and it was not
    /// marked before: true for exactly one caller, who sends `batch.completed`.
    static func markCompleted(_ id: String, now: Date, _ connection: any SQLConnection) throws -> Bool {
        try connection.run(
            """
            UPDATE stylization_batches SET completed_at = ?2
            WHERE id = ?1 AND completed_at IS NULL AND NOT EXISTS (
                SELECT 1 FROM stylization_batch_items i JOIN jobs j ON j.id = i.job_id
                WHERE i.batch_id = ?1 AND j.status IN ('queued', 'running'))
            """, id, now) > 0
    }

    /// Batches created since `since` none of whose items is queued or running (completed or
    /// not yet marked so), at most `limit`: what a start-up checks was announced.
    static func ended(since: Date, limit: Int, _ connection: any SQLConnection) throws -> [(id: String, account: String, marked: Bool)] {
        try connection.query(
            """
            SELECT b.id, b.account_id, b.completed_at IS NOT NULL AS marked FROM stylization_batches b
            WHERE b.created_at >= ?1 AND NOT EXISTS (
                SELECT 1 FROM stylization_batch_items i JOIN jobs j ON j.id = i.job_id
                WHERE i.batch_id = b.id AND j.status IN ('queued', 'running'))
            ORDER BY b.created_at LIMIT ?2
            """, since, limit
        ).map { (try $0.string("id"), try $0.string("account_id"), try $0.bool("marked")) }
    }

    /// The ids of the batch's items, in order.
    static func jobs(of id: String, account: String, _ connection: any SQLConnection) throws -> [JobID] {
        try connection.query(
            """
            SELECT i.job_id FROM stylization_batch_items i JOIN stylization_batches b ON b.id = i.batch_id
            WHERE i.batch_id = ?1 AND b.account_id = ?2 ORDER BY i.position
            """, id, account
        ).map { JobID(rawValue: try $0.string("job_id")) }
    }
}
