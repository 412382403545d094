import Filters
import Foundation

extension StylizationService {
    /// Uploads and stylizes in one request: the inline file becomes a content asset of the account
    /// (checked like `POST /v1/assets`: media type, plan limits, storage), then the stylization is
    /// created from it as from an asset id, so the client can re-run it with another filter. If
    /// the stylization is refused, the new asset is deleted again: a refused request keeps nothing.
    func create(_ request: StylizationRequest, inlineContent file: URL, fileName: String?, account: String,
                holder: String) throws -> Created {
        let asset: Asset
        do {
            asset = try assets.create(account: account, uploadedFile: file, declaredName: fileName)
        } catch let error as FiltersError {
            throw error.httpError
        }
        var request = request
        request.content = asset.id.rawValue
        do {
            return try create(request, account: account, holder: holder)
        } catch {
            try? assets.delete(asset.id, account: account)
            throw error
        }
    }
}
