import Foundation
import Jobs
import Storage

/// The SQL of table `stylization_inputs` (`Schema/0005_idempotency.sql`, `0006_webhooks.sql`, `0012_masks_smoothing.sql`):
/// each job's inputs by their API names, on a connection the caller holds.
enum StylizationRecords {
    /// Records `inputs` for the new `job`, inside the transaction that stores the job (the row
    /// references it).
    static func insert(_ inputs: Stylization.Inputs, for job: JobID, in connection: any SQLConnection) throws {
        let filters = String(decoding: try JSONEncoder().encode(inputs.filters), as: UTF8.self)
        let mask = try inputs.mask.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try connection.run(
            "INSERT INTO stylization_inputs (job_id, content_id, filters, webhook_url, mask) VALUES (?1, ?2, ?3, ?4, ?5)",
            job.rawValue, inputs.content, filters, inputs.webhookURL, mask)
    }

    /// The inputs of these jobs; a job submitted by another path is simply absent.
    static func inputs(for jobs: [JobID], in connection: any SQLConnection) throws -> [JobID: Stylization.Inputs] {
        guard !jobs.isEmpty else { return [:] }
        let placeholders = jobs.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        let rows = try connection.query(
            "SELECT job_id, content_id, filters, webhook_url, mask FROM stylization_inputs WHERE job_id IN (\(placeholders))",
            parameters: jobs.map(\.rawValue))
        var found: [JobID: Stylization.Inputs] = [:]
        for row in rows {
            let filters = try JSONDecoder().decode(
                [StylizationRequest.FilterChoice].self, from: Data(try row.string("filters").utf8))
            found[JobID(rawValue: try row.string("job_id"))] = Stylization.Inputs(
                content: try row.string("content_id"), filters: filters, webhookURL: try row.optionalString("webhook_url"),
                mask: try row.optionalString("mask").map { try JSONDecoder().decode(MaskChoice.self, from: Data($0.utf8)) })
        }
        return found
    }
}
