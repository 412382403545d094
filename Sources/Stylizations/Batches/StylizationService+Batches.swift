import Filters
import Foundation
import Jobs
import Storage
import Webhooks

/// Batches: many stylizations from one request, admitted as a whole or not at all.
extension StylizationService {
    /// The most items one batch may hold.
    public static let maxBatchItems = 50

    /// Submits every prepared stylization in one write transaction — frames reserved for the
    /// sum, every job stored, every input pinned and recorded, the batch and its items written —
    /// or nothing. Every item is queued (none is rendered within the request).
    ///
    /// - Precondition: 1...`maxBatchItems` items, all of `account`.
    /// - Throws: `JobBatchItemError` (an item's own refusal, with its index), `QuotaError` for
    ///   the whole batch, `StylizationError.unknownContent` / `.unknownFilter` for inputs deleted
    ///   since `prepare`, `JobError.storage`.
    public func createBatch(_ items: [PreparedStylization], account: String) throws -> StylizationBatch {
        precondition((1...Self.maxBatchItems).contains(items.count) && items.allSatisfy { $0.account == account })
        let id = StylizationBatchID.make()
        let until = Date().addingTimeInterval(pinLease)
        let createdAt = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        do {
            _ = try jobs.submitAll(items.map(\.job)) { [assets, filters] connection, ids in
                for (prepared, job) in zip(items, ids) {
                    try assets.pin(prepared.asset.id, account: account, holder: job.rawValue, until: until, in: connection)
                    try filters.pin(Self.distinct(prepared.filterIDs), account: account, holder: job.rawValue, until: until, in: connection)
                    try StylizationRecords.insert(prepared.inputs, for: job, in: connection)
                }
                try BatchRecords.insert(id, account: account, createdAt: createdAt, jobs: ids, connection)
            }
        } catch FiltersError.notFound(.asset, let asset) {
            throw StylizationError.unknownContent(id: asset)
        } catch FiltersError.notFound(.filter, let filter) {
            throw StylizationError.unknownFilter(id: filter, index: nil)
        }
        return try batch(id, account: account)
    }

    /// One of the account's batches with where each item stands.
    ///
    /// - Throws: `BatchError.notFound` (also for another account's or a malformed id).
    public func batch(_ id: String, account: String) throws -> StylizationBatch {
        guard StylizationBatchID.isWellFormed(id),
              let found = try database.readTransaction({ try BatchRecords.find(id, account: account, $0) })
        else { throw BatchError.notFound(id: id) }
        return found
    }

    /// Cancels every item still queued or running; items that ended stay as they are.
    ///
    /// - Throws: `BatchError.notFound`, `JobError.storage`.
    public func cancelBatch(_ id: String, account: String) throws -> StylizationBatch {
        let found = try batch(id, account: account)
        for item in found.items where !item.status.isTerminal {
            do {
                _ = try jobs.cancel(item.stylization, account: account)
            } catch JobError.notCancelable {
                // It ended meanwhile: nothing to cancel.
            }
        }
        return try batch(id, account: account)
    }

    /// Sends `batch.completed` once per batch, when its last item ends in this process.
    func observeBatchCompletion(_ events: StylizationEvents) {
        jobs.addObserver { [weak self] job in
            guard job.status.isTerminal, let self else { return }
            // A lost event loses one notification, never the batch; clients can still poll it.
            guard let owner = try? database.readTransaction({ try BatchRecords.batch(ofJob: job.id, $0) }),
                  (try? database.writeTransaction({ try BatchRecords.markCompleted(owner.id, now: Date(), $0) })) == true
            else { return }
            announceCompletion(of: owner, events: events)
        }
    }

    /// Announces batches of the last `window` whose items all ended without a `batch.completed`:
    /// the process stopped between the last item's end (durable) and its observer, or between
    /// marking the batch and enqueueing. Called once at start-up; enqueueing is idempotent.
    func announceMissedBatchCompletions(_ events: StylizationEvents, window: TimeInterval = 24 * 3600) {
        guard let ended = try? database.readTransaction({ try BatchRecords.ended(since: Date().addingTimeInterval(-window), limit: 1000, $0) }),
              !ended.isEmpty else { return }
        for batch in ended where !batch.marked {
            _ = try? database.writeTransaction { try BatchRecords.markCompleted(batch.id, now: Date(), $0) }
        }
        guard let missed = try? Set(events.webhooks.unannounced(ended.map(\.id), types: [.batchCompleted])) else { return }
        for batch in ended where missed.contains(batch.id) {
            announceCompletion(of: (batch.id, batch.account), events: events)
        }
    }

    private func announceCompletion(of owner: (id: String, account: String), events: StylizationEvents) {
        guard let render = events.renderBatch, let completed = try? batch(owner.id, account: owner.account),
              let data = try? render(completed) else { return }
        _ = try? events.webhooks.enqueue(WebhookEvent(
            type: .batchCompleted, account: owner.account, subject: owner.id, occurredAt: completed.completedAt ?? Date(), data: data))
    }
}
