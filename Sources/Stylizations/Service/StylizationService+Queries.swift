import Foundation
import Jobs

/// Reading and canceling stylizations; every lookup is scoped to the account (another tenant's
/// stylization is `JobError.notFound` exactly like a missing one).
extension StylizationService {
    /// - Throws: `JobError.notFound`.
    public func get(_ id: String, account: String) throws -> Stylization {
        let job = try jobs.get(JobID(rawValue: id), account: account)
        return try withResultAssets([try stylization(of: job)], account: account)[0]
    }

    /// The account's stylizations, newest first.
    ///
    /// - Throws: `StylizationError.invalidCursor` when `startingAfter` is not one of the
    ///   account's; `JobError.invalidRequest(param: "limit")` outside 1...100.
    public func list(account: String, limit: Int, startingAfter: String?) throws -> (items: [Stylization], hasMore: Bool) {
        let page: JobPage
        do {
            page = try jobs.list(account: account, limit: limit, startingAfter: startingAfter.map { JobID(rawValue: $0) })
        } catch JobError.notFound {
            throw StylizationError.invalidCursor(startingAfter ?? "")
        }
        let inputs = try recordedInputs(for: page.jobs.map(\.id))
        let items = page.jobs.map { Stylization(job: $0, inputs: inputs[$0.id] ?? .unrecorded) }
        return (try withResultAssets(items, account: account), page.hasMore)
    }

    /// Cancels the stylization; its frames are released at once and its worker stops within a second.
    ///
    /// - Throws: `JobError.notFound`, `.notCancelable`.
    public func cancel(_ id: String, account: String) throws -> Stylization {
        let job = try jobs.cancel(JobID(rawValue: id), account: account)
        return try withResultAssets([try stylization(of: job)], account: account)[0]
    }

    private func stylization(of job: Job) throws -> Stylization {
        Stylization(job: job, inputs: try recordedInputs(for: [job.id])[job.id] ?? .unrecorded)
    }
}
