import Common
import Filters
import Foundation
import Jobs
import Storage

/// Stylizations: turns a request naming a content asset and filters into a job and answers the
/// stylization queries. Resolves the content's file and each filter's cached style code (the
/// style encoder never runs for a saved filter), then pins the inputs, records them and submits
/// the job in one transaction (`submit`), and decides whether the request is answered with the
/// finished image (small images) or at once while the job runs.
///
/// Every service passed in works on the same `SQLDatabase` (one SQLite file or PostgreSQL database): the pins, the job and
/// its inputs are written in one transaction on it.
public final class StylizationService: Sendable {
    /// Images at most this many pixels (after `max_side`) are rendered within the request.
    public let synchronousPixels: Int
    /// How long a synchronous request waits for its image before answering that it still runs.
    public let synchronousTimeout: TimeInterval
    /// How long pins last; the job's end releases them sooner.
    public let pinLease: TimeInterval
    /// Synchronous renders at once. Each holds its caller's thread for the whole render, so a
    /// burst of small images must not take them all: beyond this, images are queued.
    public let synchronousRenders: Int
    let renderingNow = Locked(0)

    let database: any SQLDatabase
    let assets: AssetService
    let filters: FilterService
    let jobs: JobService
    /// The answers of requests sent with an idempotency key (table `idempotency_keys`).
    public let idempotency: IdempotencyStore
    /// Where the terminal events of stylizations go; nil: no webhooks (and no `webhook_url`).
    public let events: StylizationEvents?

    /// Also registers a job observer that releases a job's pins when it ends and, with
    /// `events`, enqueues its terminal event (and announces those a stopped process missed) and
    /// the opt-in started and progress events (progress through `progressThrottle`).
    ///
    /// - Precondition: `database` is the one `jobs` (and `assets`, `filters`) work on.
    public init(database: any SQLDatabase, assets: AssetService, filters: FilterService, jobs: JobService,
                synchronousPixels: Int = 4_000_000, synchronousTimeout: TimeInterval = 30, synchronousRenders: Int = 2,
                pinLease: TimeInterval = 24 * 3600, events: StylizationEvents? = nil,
                progressThrottle: ProgressThrottle = ProgressThrottle(interval: 1, step: 0.1)) {
        precondition(database === jobs.database, "a stylization's pins, job and inputs are written in one transaction")
        self.database = database
        self.assets = assets
        self.filters = filters
        self.jobs = jobs
        self.idempotency = IdempotencyStore(database: database)
        self.synchronousPixels = synchronousPixels
        self.synchronousTimeout = synchronousTimeout
        self.pinLease = pinLease
        self.synchronousRenders = max(0, synchronousRenders)
        self.events = events
        jobs.addObserver { [assets, filters] job in
            guard job.status.isTerminal else { return }
            // A failed unpin only keeps content until the pin's lease passes.
            try? assets.unpin(holder: job.id.rawValue)
            try? filters.unpin(holder: job.id.rawValue)
        }
        if let events {
            observeTerminalEvents(events)
            observeProgressEvents(events, throttle: progressThrottle)
            observeBatchCompletion(events)
            announceMissedEvents(events)
            announceMissedBatchCompletions(events)
        }
    }

    /// Calls `status` after each change of a job's status and `progress` each time a running job
    /// renders more frames, both for jobs of this process, on the thread that made the change:
    /// keep them short (what `GET /v1/stylizations/{id}/events` streams from).
    public func observe(status: @escaping @Sendable (Job) -> Void, progress: @escaping @Sendable (JobProgressUpdate) -> Void) {
        jobs.addObserver(status)
        jobs.addProgressObserver(progress)
    }

    /// Resolves, pins and submits; waits for small images.
    ///
    /// - Throws: `StylizationError.unknownContent` / `.unknownFilter` / `.formatMismatch`,
    ///   `WebhooksError.notRegistered`, what `JobService.submit` throws (`JobError`, `QuotaError`),
    ///   `FiltersError` (model unavailable, storage).
    public func create(_ request: StylizationRequest, account: String) throws -> Stylization {
        try submit(try prepare(request, account: account))
    }

    /// Whether the request is answered with the finished image: an image whose output, after
    /// `max_side`, is within `synchronousPixels`.
    func isSynchronous(_ asset: Asset, maxSide: Int?) -> Bool {
        guard asset.kind == .image else { return false }
        let longSide = max(asset.width, asset.height)
        let scale = maxSide.map { min(1, Double($0) / Double(max(longSide, 1))) } ?? 1
        return Double(asset.width) * Double(asset.height) * scale * scale <= Double(synchronousPixels)
    }

    func takeRenderSlot() -> Bool {
        renderingNow.withLock { count in
            guard count < synchronousRenders else { return false }
            count += 1
            return true
        }
    }

    func releaseRenderSlot() {
        renderingNow.withLock { $0 -= 1 }
    }

    /// The recorded inputs of these jobs (absent for jobs submitted by another path).
    func recordedInputs(for ids: [JobID]) throws -> [JobID: Stylization.Inputs] {
        try database.readTransaction { try StylizationRecords.inputs(for: ids, in: $0) }
    }
}
