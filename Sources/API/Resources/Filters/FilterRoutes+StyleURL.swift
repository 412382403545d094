import Filters
import Foundation
import HTTPServer
import Webhooks

extension FilterRoutes {
    /// `POST /v1/filters` with `{"name", "style_url"}`: the style image is fetched (bounded by the
    /// plan's `upload_bytes`, public addresses only), then the filter is made exactly as from an
    /// uploaded image; the fetched file is removed either way.
    static func createFromURL(_ request: Request, account: String, filters: FilterService, fetcher: RemoteFetcher,
                              directory: URL) throws -> Response {
        let body = try StyleURLRequest(json: try request.body.collect())
        let fetched = try RemoteUpload.fetch(
            body.styleURL, param: "style_url", account: account, quotas: filters.quotas, fetcher: fetcher, directory: directory)
        defer { try? FileManager.default.removeItem(at: fetched.file) }
        let filter = try filters.create(account: account, styleImage: fetched.file, name: body.name)
        return .json(FilterResource(filter), status: .created, headers: ["Location": "/v1/filters/\(filter.id.rawValue)"])
    }
}
