import Filters
import Foundation
import Jobs

/// Stylization results: each is an asset of the account (see `AssetService+Results` in Filters),
/// downloadable until the plan's retention passes or its owner deletes it.
extension StylizationService {
    /// The finished result of a succeeded stylization: its asset's file (or, for a result kept as
    /// a plain file, that file).
    ///
    /// - Throws: 409 `not_ready` before it succeeded (or when it failed or was canceled), 410
    ///   `result_expired` once the result's asset expired (plan retention) or was deleted.
    func result(_ id: String, account: String) throws -> (url: URL, mediaType: String, maxAge: Int) {
        let job = try jobs.get(JobID(rawValue: id), account: account)
        guard job.status == .succeeded, let result = job.result else {
            throw HTTPError(
                .conflict, code: "not_ready",
                detail: "The stylization is \(job.status.rawValue); its result exists once it succeeded.")
        }
        guard let assetID = result.assetID else { return (result.file, result.mediaType, Self.resultMaxAge) }
        do {
            let asset = try assets.get(AssetID(trusted: assetID), account: account)
            let stored = try assets.content(asset.id, account: account)
            // Clients and proxies may keep the bytes, but not past the result's expiry.
            let remaining = Int(asset.expiresAt.timeIntervalSinceNow.rounded(.down))
            return (stored.url, stored.mediaType, max(0, min(Self.resultMaxAge, remaining)))
        } catch FiltersError.notFound {
            throw Self.expired(job.id)
        } catch FiltersError.storage(.blobNotFound) {
            // The sweeper took the bytes between the lookup and now: the asset just expired.
            throw Self.expired(job.id)
        } catch let error as FiltersError {
            throw error.httpError
        }
    }

    /// `items` with the assets of their results that are still available (one query).
    func withResultAssets(_ items: [Created], account: String) throws -> [Created] {
        let ids = items.compactMap { $0.job.result?.assetID }.map { AssetID(trusted: $0) }
        guard !ids.isEmpty else { return items }
        let available: [AssetID: Asset]
        do {
            available = try assets.available(ids, account: account)
        } catch let error as FiltersError {
            throw error.httpError
        }
        return items.map { item in
            var item = item
            item.resultAsset = item.job.result?.assetID.flatMap { available[AssetID(trusted: $0)] }
            return item
        }
    }

    /// How long a downloaded result may be cached at most (it never changes once written).
    static let resultMaxAge = 86400

    private static func expired(_ id: JobID) -> HTTPError {
        HTTPError(
            .gone, code: "result_expired",
            detail: "The result of \(id.rawValue) is no longer kept: it passed the plan's retention or its asset was deleted.")
    }
}
