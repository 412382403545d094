import Foundation
import Jobs
import Storage

/// The API's names for a job's inputs (table `stylization_inputs`): the content asset, the
/// filters with their weights and the request's `webhook_url`. Jobs keep only files and style
/// codes, so these are stored beside.
struct StylizationInputs: Sendable {
    struct Entry: Sendable, Equatable {
        let content: String
        let filters: [StylizationRequest.FilterChoice]
        var webhookURL: String? = nil
    }

    let database: Database

    func record(_ entry: Entry, for job: JobID) throws {
        let filters = String(decoding: try JSONEncoder().encode(entry.filters), as: UTF8.self)
        try database.write { connection in
            _ = try connection.run(
                "INSERT OR REPLACE INTO stylization_inputs (job_id, content_id, filters, webhook_url) VALUES (?1, ?2, ?3, ?4)",
                job.rawValue, entry.content, filters, entry.webhookURL)
        }
    }

    /// The inputs of these jobs; a job submitted by another path (or whose recording was cut
    /// short by a crash) is simply absent.
    func entries(for jobs: [JobID]) throws -> [JobID: Entry] {
        guard !jobs.isEmpty else { return [:] }
        let placeholders = jobs.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        let rows = try database.read { connection in
            try connection.query(
                "SELECT job_id, content_id, filters, webhook_url FROM stylization_inputs WHERE job_id IN (\(placeholders))",
                parameters: jobs.map(\.rawValue))
        }
        var entries: [JobID: Entry] = [:]
        for row in rows {
            let filters = try JSONDecoder().decode(
                [StylizationRequest.FilterChoice].self, from: Data(try row.string("filters").utf8))
            entries[JobID(rawValue: try row.string("job_id"))] = Entry(
                content: try row.string("content_id"), filters: filters, webhookURL: try row.optionalString("webhook_url"))
        }
        return entries
    }

    /// Stylizations (job id, account) recorded here that ended since `since`, newest first, at
    /// most `limit`: the candidates of the start-up sweep for missed webhook events.
    func ended(since: Date, limit: Int) throws -> [(job: JobID, account: String)] {
        // jobs.finished_at is Unix milliseconds (Schema/0004_jobs.sql).
        let rows = try database.read { connection in
            try connection.query(
                """
                SELECT j.id AS job_id, j.account_id AS account_id FROM stylization_inputs i JOIN jobs j ON j.id = i.job_id
                WHERE j.status IN ('succeeded', 'failed', 'canceled') AND j.finished_at >= ?1
                ORDER BY j.finished_at DESC LIMIT ?2
                """, Int64(since.timeIntervalSince1970 * 1000), limit)
        }
        return try rows.map { (JobID(rawValue: try $0.string("job_id")), try $0.string("account_id")) }
    }
}
