import Filters
import Foundation
import Inference
import Jobs
import Storage
import Webhooks

/// The two steps of `create`: `prepare` reads and checks (nothing is written), `submit` pins the
/// inputs, records them and stores the job in one write transaction.
extension StylizationService {
    /// Resolves the request without writing anything: the content asset and its file, the
    /// output format, the `webhook_url`, each filter's cached style code (computed and cached
    /// once for a model installed after the filter was made), and whether it renders at once.
    ///
    /// - Throws: `StylizationError.unknownContent` / `.unknownFilter` / `.formatMismatch` /
    ///   `.modelNotLoaded`, `QuotaError.modelNotInPlan`, `WebhooksError.notRegistered`,
    ///   `FiltersError` (model unavailable, storage).
    public func prepare(_ request: StylizationRequest, account: String) throws -> PreparedStylization {
        let asset: Asset
        do {
            asset = try assets.get(try AssetID.parse(request.content), account: account)
        } catch FiltersError.notFound {
            throw StylizationError.unknownContent(id: request.content)
        }
        let format = request.format ?? (asset.kind == .video ? .mp4 : .jpeg)
        guard format.kind.rawValue == asset.kind.rawValue else {
            throw StylizationError.formatMismatch(format: format, contentKind: asset.kind.rawValue)
        }
        try checkModel(request.model, account: account)
        if let url = request.webhookURL {
            guard let events else { throw WebhooksError.notRegistered(url: url) }
            try events.webhooks.requireRegistered(url: url, account: account)
        }
        var options = JobOptions(
            strength: request.strength, preserveColor: request.preserveColor, maxSide: request.maxSide,
            format: format, quality: request.quality, model: request.model,
            temporalSmoothing: request.temporalSmoothing ?? (asset.kind == .video ? JobOptions.defaultTemporalSmoothing : 0))
        let filterIDs = try request.filters.enumerated().map { index, choice in
            do { return try FilterID.parse(choice.id) } catch { throw StylizationError.unknownFilter(id: choice.id, index: index) }
        }
        let content: StoredFile
        do {
            content = try assets.content(asset.id, account: account)
        } catch FiltersError.notFound {
            throw StylizationError.unknownContent(id: request.content)
        }
        let styles = try zip(filterIDs, request.filters).enumerated().map { index, pair in
            do {
                let code = try filters.styleCode(filter: pair.0, model: options.model, account: account)
                return WeightedStyle(code: code, weight: Float(pair.1.weight))
            } catch FiltersError.notFound {
                throw StylizationError.unknownFilter(id: pair.1.id, index: index)
            }
        }
        let mask = try resolveMask(request, model: options.model, account: account)
        options.mask = mask?.options
        return PreparedStylization(
            account: account, request: request, asset: asset, filterIDs: filterIDs,
            mask: mask.map { ($0.asset, $0.filters) },
            job: JobRequest(account: account, content: content.key, styles: styles, options: options, maskStyles: mask?.styles),
            synchronous: isSynchronous(asset, maxSide: request.maxSide))
    }

    /// Submits a prepared stylization in one write transaction: reserves its frames, stores the
    /// job, pins the content asset and every filter under the job's id (checking that each is
    /// still there: one deleted since `prepare` refuses the request) and records the inputs. A
    /// refusal at any step keeps nothing: no job, no reservation, no pin. Small images are then
    /// rendered on the calling thread (up to `synchronousRenders` at once) and waited for.
    ///
    /// The pins exist from the moment the job does, so a job can never run, or end, unpinned;
    /// the job's observer releases them when it ends.
    ///
    /// - Throws: `StylizationError.unknownContent` / `.unknownFilter` for inputs deleted since
    ///   `prepare`; what `JobService.submit` throws (`JobError`, `QuotaError`).
    public func submit(_ prepared: PreparedStylization) throws -> Stylization {
        let until = Date().addingTimeInterval(pinLease)
        let inputs = prepared.inputs
        let pinnedFilters = Self.distinct(prepared.filterIDs + (prepared.mask?.filters ?? []))
        let pinAndRecord: (any SQLConnection, JobID) throws -> Void = { [assets, filters] connection, job in
            try assets.pin(prepared.asset.id, account: prepared.account, holder: job.rawValue, until: until, in: connection)
            if let mask = prepared.mask {
                do {
                    try assets.pin(mask.asset.id, account: prepared.account, holder: job.rawValue, until: until, in: connection)
                } catch FiltersError.notFound {
                    throw StylizationError.unknownMask(id: mask.asset.id.rawValue)
                }
            }
            try filters.pin(pinnedFilters, account: prepared.account, holder: job.rawValue, until: until, in: connection)
            try StylizationRecords.insert(inputs, for: job, in: connection)
        }
        let job: Job
        do {
            if prepared.synchronous, takeRenderSlot() {
                defer { releaseRenderSlot() }
                job = try jobs.submitAndWait(prepared.job, timeout: synchronousTimeout, alongside: pinAndRecord)
            } else {
                job = try jobs.submit(prepared.job, alongside: pinAndRecord)
            }
        } catch FiltersError.notFound(.asset, _) {
            throw StylizationError.unknownContent(id: prepared.request.content)
        } catch FiltersError.notFound(.filter, let id) {
            if let mask = prepared.request.mask, !prepared.filterIDs.contains(where: { $0.rawValue == id }) {
                throw StylizationError.unknownMaskFilter(id: id, region: mask.white.filterID == id ? "white" : "black")
            }
            let index = prepared.filterIDs.firstIndex { $0.rawValue == id }
            throw StylizationError.unknownFilter(id: index.map { prepared.request.filters[$0].id } ?? id, index: index)
        }
        return try withResultAssets([Stylization(job: job, inputs: inputs)], account: prepared.account)[0]
    }

    /// Each filter once (a request may interpolate a filter with itself; a pin is per filter).
    static func distinct(_ ids: [FilterID]) -> [FilterID] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0.rawValue).inserted }
    }
}
