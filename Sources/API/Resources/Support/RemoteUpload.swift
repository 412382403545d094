import Foundation
import Quotas
import Webhooks

/// A file the server fetches for the client (`content_url`, `style_url`), bounded by the
/// account's `upload_bytes` exactly like an upload: a body over it is refused with the same 413
/// `plan_limit` (naming the plan that would allow it), from `Content-Length` or while it streams.
enum RemoteUpload {
    /// - Throws: `RemoteFetchError` (422 naming `param`), `QuotaError.planLimit` (413).
    static func fetch(_ url: String, param: String, account: String, quotas: QuotaService, fetcher: RemoteFetcher,
                      directory: URL) throws -> FetchedFile {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let limit = try quotas.uploadLimit(account: account)
        do {
            return try fetcher.fetch(url, param: param, maxBytes: limit, into: directory)
        } catch RemoteFetchError.tooLarge(_, _, let requested) {
            try quotas.checkUpload(account: account, bytes: requested)
            throw RemoteFetchError.tooLarge(param: param, limit: limit, requested: requested)
        }
    }
}
