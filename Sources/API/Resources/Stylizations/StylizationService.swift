import Common
import Filters
import Foundation
import Inference
import Jobs
import Quotas
import Storage
import Webhooks

/// Turns `POST /v1/stylizations` into a job and answers the stylization queries: resolves the
/// content asset's file and each filter's cached style code (the style encoder never runs for a
/// saved filter), keeps them pinned while the job may still need them, and decides whether the
/// request is answered at once (small images) or with 202.
public final class StylizationService: Sendable {
    /// Images at most this many pixels (after `max_side`) are rendered within the request.
    public let synchronousPixels: Int
    /// How long a synchronous request waits for its image before answering 202 anyway.
    public let synchronousTimeout: TimeInterval
    /// How long pins last; the job's end releases them sooner.
    public let pinLease: TimeInterval
    /// Synchronous renders at once. Each holds an HTTP worker thread for the whole render, so a
    /// burst of small images must not take them all: beyond this, images are queued (202).
    public let synchronousRenders: Int
    private let renderingNow = Locked(0)

    let assets: AssetService
    let filters: FilterService
    let jobs: JobService
    let inputs: StylizationInputs
    let idempotency: IdempotencyStore
    /// Where the terminal events of stylizations go; nil: no webhooks (and no `webhook_url`).
    let webhooks: WebhookService?

    /// Also registers a job observer that releases a job's pins when it ends and, with
    /// `webhooks`, enqueues its terminal event.
    public init(database: Database, assets: AssetService, filters: FilterService, jobs: JobService,
                synchronousPixels: Int = 4_000_000, synchronousTimeout: TimeInterval = 30, synchronousRenders: Int = 2,
                pinLease: TimeInterval = 24 * 3600, webhooks: WebhookService? = nil) {
        self.assets = assets
        self.filters = filters
        self.jobs = jobs
        self.inputs = StylizationInputs(database: database)
        self.idempotency = IdempotencyStore(database: database)
        self.synchronousPixels = synchronousPixels
        self.synchronousTimeout = synchronousTimeout
        self.pinLease = pinLease
        self.synchronousRenders = max(0, synchronousRenders)
        self.webhooks = webhooks
        jobs.addObserver { [assets, filters] job in
            guard job.status.isTerminal else { return }
            // A failed unpin only keeps content until the pin's lease passes.
            try? assets.unpin(holder: job.id.rawValue)
            try? filters.unpin(holder: job.id.rawValue)
        }
        if let webhooks {
            observeTerminalEvents(webhooks: webhooks)
            announceMissedEvents()
        }
    }

    /// A stylization as the API shows it.
    struct Created {
        let job: Job
        let inputs: StylizationInputs.Entry
        /// The result's asset while it can be downloaded; nil once it expired or its owner
        /// deleted it (and for results kept as plain files, which never expire).
        var resultAsset: Asset? = nil
    }

    /// Resolves, pins and submits; waits for small images.
    ///
    /// - Parameter holder: a pin holder unique to this request, covering the time before the job exists.
    func create(_ request: StylizationRequest, account: String, holder: String) throws -> Created {
        let asset: Asset
        do {
            asset = try assets.get(try AssetID.parse(request.content), account: account)
        } catch let error as FiltersError {
            if case .notFound = error { throw Self.unknown("content", "No content asset \(request.content).") }
            throw error.httpError
        }
        let format = request.format ?? (asset.kind == .video ? .mp4 : .jpeg)
        guard format.kind.rawValue == asset.kind.rawValue else {
            throw HTTPError(
                .unprocessableContent, code: "invalid_request",
                detail: "format \(format.rawValue) cannot hold \(asset.kind.rawValue) content.", param: "format")
        }
        if let url = request.webhookURL {
            guard let webhooks else { throw WebhooksError.notRegistered(url: url) }
            try webhooks.requireRegistered(url: url, account: account)
        }
        let options = JobOptions(
            strength: request.strength, preserveColor: request.preserveColor, maxSide: request.maxSide,
            format: format, quality: request.quality, model: .microast)

        let until = Date().addingTimeInterval(pinLease)
        var pinnedForRequest = false
        defer {
            if pinnedForRequest {
                try? assets.unpin(holder: holder)
                try? filters.unpin(holder: holder)
            }
        }
        let styles: [WeightedStyle]
        let content: StoredFile
        do {
            let filterIDs = try request.filters.enumerated().map { index, choice in
                do { return try FilterID.parse(choice.id) } catch { throw Self.unknown("filters[\(index)].id", "No filter \(choice.id).") }
            }
            pinnedForRequest = true
            try assets.pin(asset.id, account: account, holder: holder, until: until)
            try filters.pin(Self.distinct(filterIDs.map(\.rawValue)), account: account, holder: holder, until: until)
            content = try assets.content(asset.id, account: account, holder: holder)
            styles = try zip(filterIDs, request.filters).enumerated().map { index, pair in
                do {
                    let code = try filters.styleCode(filter: pair.0, model: options.model, account: account, holder: holder)
                    return WeightedStyle(code: code, weight: Float(pair.1.weight))
                } catch FiltersError.notFound {
                    throw Self.unknown("filters[\(index)].id", "No filter \(pair.1.id).")
                }
            }
        } catch let error as FiltersError {
            if case .notFound(.asset, _) = error { throw Self.unknown("content", "No content asset \(request.content).") }
            if case .notFound(.filter, let id) = error {
                let index = request.filters.firstIndex { $0.id == id }
                throw Self.unknown(index.map { "filters[\($0)].id" } ?? "filters", "No filter \(id).")
            }
            throw error.httpError
        }

        let jobRequest = JobRequest(account: account, content: content.url, styles: styles, options: options)
        let entry = StylizationInputs.Entry(content: request.content, filters: request.filters, webhookURL: request.webhookURL)
        let job: Job
        if isSynchronous(asset, maxSide: request.maxSide), takeRenderSlot() {
            defer { renderingNow.withLock { $0 -= 1 } }
            job = try jobs.submitAndWait(jobRequest, timeout: synchronousTimeout)
        } else {
            job = try jobs.submit(jobRequest)
        }
        try inputs.record(entry, for: job.id)
        announceIfEnded(job, inputs: entry)
        if !job.status.isTerminal {
            try assets.pin(asset.id, account: account, holder: job.id.rawValue, until: until)
            try filters.pin(Self.distinct(request.filters.map(\.id)), account: account, holder: job.id.rawValue, until: until)
            // The job may have ended before its pins existed; its observer then found none to release.
            if try jobs.get(job.id, account: account).status.isTerminal {
                try? assets.unpin(holder: job.id.rawValue)
                try? filters.unpin(holder: job.id.rawValue)
            }
        }
        return try withResultAssets([Created(job: job, inputs: entry)], account: account)[0]
    }

    /// Whether the request is answered with the finished image: an image whose output, after
    /// `max_side`, is within `synchronousPixels`.
    func isSynchronous(_ asset: Asset, maxSide: Int?) -> Bool {
        guard asset.kind == .image else { return false }
        let longSide = max(asset.width, asset.height)
        let scale = maxSide.map { min(1, Double($0) / Double(max(longSide, 1))) } ?? 1
        return Double(asset.width) * Double(asset.height) * scale * scale <= Double(synchronousPixels)
    }

    private func takeRenderSlot() -> Bool {
        renderingNow.withLock { count in
            guard count < synchronousRenders else { return false }
            count += 1
            return true
        }
    }

    func get(_ id: String, account: String) throws -> Created {
        let job = try jobs.get(JobID(rawValue: id), account: account)
        let created = Created(job: job, inputs: try inputs.entries(for: [job.id])[job.id] ?? Self.unrecorded)
        return try withResultAssets([created], account: account)[0]
    }

    func list(account: String, limit: Int, startingAfter: String?) throws -> (items: [Created], hasMore: Bool) {
        let page: JobPage
        do {
            page = try jobs.list(account: account, limit: limit, startingAfter: startingAfter.map { JobID(rawValue: $0) })
        } catch JobError.notFound {
            throw HTTPError.badRequest(
                "starting_after must be the id of one of your stylizations.", code: "invalid_parameter", param: "starting_after")
        }
        let entries = try inputs.entries(for: page.jobs.map(\.id))
        let items = page.jobs.map { Created(job: $0, inputs: entries[$0.id] ?? Self.unrecorded) }
        return (try withResultAssets(items, account: account), page.hasMore)
    }

    func cancel(_ id: String, account: String) throws -> Created {
        let job = try jobs.cancel(JobID(rawValue: id), account: account)
        let created = Created(job: job, inputs: try inputs.entries(for: [job.id])[job.id] ?? Self.unrecorded)
        return try withResultAssets([created], account: account)[0]
    }

    /// Each filter once (a request may interpolate a filter with itself; a pin is per filter).
    private static func distinct(_ ids: [String]) -> [FilterID] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }.map { FilterID(trusted: $0) }
    }

    private static let unrecorded = StylizationInputs.Entry(content: "", filters: [])

    private static func unknown(_ param: String, _ detail: String) -> HTTPError {
        HTTPError(.unprocessableContent, code: "invalid_request", detail: detail, param: param)
    }
}
