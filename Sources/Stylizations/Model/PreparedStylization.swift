import Filters
import Jobs

/// A stylization resolved and checked but not yet submitted (`StylizationService.prepare`): the
/// content asset and its file, each filter's cached style code, the job's options and whether
/// it is rendered within the request. Nothing is pinned or reserved yet; `submit` does that in
/// one transaction, re-checking that the asset and filters still exist.
public struct PreparedStylization: Sendable {
    let account: String
    let request: StylizationRequest
    let asset: Asset
    /// One per `request.filters` entry, in order.
    let filterIDs: [FilterID]
    /// A masked stylization's mask asset and its regions' filters (white, black).
    let mask: (asset: Asset, filters: [FilterID])?
    let job: JobRequest
    let synchronous: Bool

    /// The inputs recorded with the job.
    var inputs: Stylization.Inputs {
        Stylization.Inputs(content: request.content, filters: request.filters, webhookURL: request.webhookURL,
                           mask: request.mask)
    }
}
