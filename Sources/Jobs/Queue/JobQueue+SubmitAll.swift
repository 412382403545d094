import Foundation
import Quotas
import Storage

extension JobQueue {
    /// Creates every job of `requests` or none: each is checked and probed first (a refusal
    /// names its index in a `JobBatchItemError`), then one write transaction reserves the frames
    /// of all of them — first as one sum, so a monthly allowance that cannot hold the whole
    /// batch refuses it with the sum — and stores every job; `alongside` runs in it with the ids.
    ///
    /// - Throws: `JobBatchItemError` (what `submit` throws for one item, with its index);
    ///   `QuotaError` for the whole batch (`quota_exceeded` for the sum, `concurrency_limit`);
    ///   `JobError.storage`; what `alongside` throws.
    func submitAll(_ requests: [JobRequest], alongside: ((any SQLConnection, [JobID]) throws -> Void)? = nil) throws -> [JobID] {
        guard let account = requests.first?.account else { return [] }
        precondition(requests.allSatisfy { $0.account == account }, "one batch, one account")
        let plans = try requests.enumerated().map { index, request in
            do { return try admissionPlan(for: request) } catch { throw JobBatchItemError(index: index, underlying: error) }
        }
        let ids = requests.map { _ in JobID.make() }
        let total = Int64(plans.reduce(0) { $0 + $1.frames })
        try JobError.wrapping {
            try database.writeTransaction { connection in
                // The sum first (it also locks the account row): its refusal names what the
                // whole batch asks for, not the item where the allowance ran out. It is also the
                // batch's one concurrency check: the batch needs a free `concurrent_jobs` slot,
                // like a single stylization; its items then queue and the workers' claim runs
                // at most that many of the account's jobs at once.
                let probe = try quotas.reserveFrames(account: account, count: total, lease: configuration.reservationLease, in: connection)
                _ = try quotas.release(probe, in: connection)
                for (index, request) in requests.enumerated() {
                    let plan = plans[index]
                    let reservation = try quotas.reserveFrames(
                        account: account, count: Int64(plan.frames), lease: configuration.reservationLease,
                        checkingConcurrency: false, in: connection)
                    try registry.recordExisting(request.content, in: connection, now: Date())
                    var options = request.options
                    options.maxSide = plan.maxSide
                    try JobRecords.insert(JobRecords.NewJob(
                        id: ids[index], account: account, kind: plan.kind, priority: plan.priority, content: request.content,
                        options: options, styles: request.styles, maskStyles: request.maskStyles, reservationID: reservation.id, frames: plan.frames,
                        createdAt: Milliseconds.now), connection)
                }
                try alongside?(connection, ids)
            }
        }
        return ids
    }
}
