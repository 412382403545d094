import Filters
import Foundation
import Inference
import Jobs

/// Resolving a request's `mask`: the mask asset (an image of the account's) and each region's
/// cached style code.
extension StylizationService {
    /// The mask's asset, its blob key and the regions' styles for the job, or nil without a mask.
    ///
    /// - Throws: `StylizationError.unknownMask` / `.maskNotImage` / `.unknownMaskFilter`;
    ///   `FiltersError` (model unavailable, storage).
    func resolveMask(_ request: StylizationRequest, model: ModelKind, account: String) throws
        -> (asset: Asset, filters: [FilterID], options: MaskOptions, styles: MaskStyles)? {
        guard let choice = request.mask else { return nil }
        let asset: Asset
        let file: StoredFile
        do {
            asset = try assets.get(try AssetID.parse(choice.assetID), account: account)
            file = try assets.content(asset.id, account: account)
        } catch FiltersError.notFound {
            throw StylizationError.unknownMask(id: choice.assetID)
        }
        guard asset.kind == .image else { throw StylizationError.maskNotImage(id: choice.assetID, kind: asset.kind.rawValue) }
        let regions = try [("white", choice.white), ("black", choice.black)].map { name, region -> (FilterID, WeightedStyle) in
            do {
                let id = try FilterID.parse(region.filterID)
                return (id, WeightedStyle(code: try filters.styleCode(filter: id, model: model, account: account)))
            } catch FiltersError.notFound {
                throw StylizationError.unknownMaskFilter(id: region.filterID, region: name)
            }
        }
        return (asset, regions.map(\.0),
                MaskOptions(key: file.key, whiteStrength: choice.white.strength, blackStrength: choice.black.strength),
                MaskStyles(white: [regions[0].1], black: [regions[1].1]))
    }
}
