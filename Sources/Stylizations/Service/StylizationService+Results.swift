import Filters
import Foundation
import Jobs

/// Stylization results: each is an asset of the account (see `AssetService+Results` in Filters),
/// downloadable until the plan's retention passes or its owner deletes it.
extension StylizationService {
    /// How long a downloaded result may be kept at most (it never changes once written).
    public static let resultMaxAge = 86400

    /// The finished result of a succeeded stylization: its asset's blob (or, for a result the job
    /// keeps itself, that blob). A blob the sweeper takes between this lookup and the download
    /// answers 404 when the download opens it.
    ///
    /// - Throws: `JobError.notFound`; `StylizationError.notReady` before it succeeded (or when it
    ///   failed or was canceled), `.resultExpired` once the result's asset expired (plan
    ///   retention) or was deleted.
    public func result(_ id: String, account: String) throws -> ResultDownload {
        let job = try jobs.get(JobID(rawValue: id), account: account)
        guard job.status == .succeeded, let result = job.result else { throw StylizationError.notReady(status: job.status) }
        guard let assetID = result.assetID else {
            let kept = StoredFile(key: result.key, mediaType: result.mediaType, bytes: result.bytes, blobs: assets.blobs)
            return ResultDownload(file: kept, maxAge: Self.resultMaxAge)
        }
        do {
            let asset = try assets.get(AssetID(trusted: assetID), account: account)
            let stored = try assets.content(asset.id, account: account)
            // Clients and proxies may keep the bytes, but not past the result's expiry.
            let remaining = Int(asset.expiresAt.timeIntervalSinceNow.rounded(.down))
            return ResultDownload(file: stored, maxAge: max(0, min(Self.resultMaxAge, remaining)))
        } catch FiltersError.notFound {
            throw StylizationError.resultExpired(job.id)
        }
    }

    /// `items` with the assets of their results that are still available (one query).
    func withResultAssets(_ items: [Stylization], account: String) throws -> [Stylization] {
        let ids = items.compactMap { $0.job.result?.assetID }.map { AssetID(trusted: $0) }
        guard !ids.isEmpty else { return items }
        let available = try assets.available(ids, account: account)
        return items.map { item in
            var item = item
            item.resultAsset = item.job.result?.assetID.flatMap { available[AssetID(trusted: $0)] }
            return item
        }
    }
}
