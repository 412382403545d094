import Foundation
import Stylizations
import Webhooks

/// Content named by URL in `POST /v1/stylizations` (`content_url`): fetched into the upload
/// directory, then stylized exactly like an inline upload (it becomes an asset of the account,
/// deleted again if the stylization is refused, so a refused request keeps nothing).
struct ContentSources {
    let uploadDirectory: URL
    let fetcher: RemoteFetcher

    /// - Throws: `RemoteFetchError`, `QuotaError.planLimit` (413), then what the inline create throws.
    func create(_ request: StylizationRequest, from url: String, account: String, service: StylizationService) throws -> Stylization {
        let fetched = try RemoteUpload.fetch(
            url, param: "content_url", account: account, quotas: service.quotas, fetcher: fetcher, directory: uploadDirectory)
        // The asset adopts the file by a hard link where it can; this name goes either way.
        defer { try? FileManager.default.removeItem(at: fetched.file) }
        return try service.create(request, inlineContent: fetched.file, fileName: fetched.fileName, account: account)
    }
}
