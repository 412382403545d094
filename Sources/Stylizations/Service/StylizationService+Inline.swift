import Filters
import Foundation

extension StylizationService {
    /// Uploads and stylizes in one request: the inline file becomes a content asset of the account
    /// (checked like any upload: media type, plan limits, storage), then the stylization is
    /// created from it as from an asset id, so the client can re-run it with another filter. If
    /// the stylization is refused, the new asset is deleted again: a refused request keeps nothing.
    ///
    /// - Throws: what `AssetService.create` throws (`FiltersError`), then what `create` throws.
    public func create(_ request: StylizationRequest, inlineContent file: URL, fileName: String?, account: String) throws -> Stylization {
        let asset = try assets.create(account: account, uploadedFile: file, declaredName: fileName)
        var request = request
        request.content = asset.id.rawValue
        do {
            return try create(request, account: account)
        } catch {
            try? assets.delete(asset.id, account: account)
            throw error
        }
    }
}
