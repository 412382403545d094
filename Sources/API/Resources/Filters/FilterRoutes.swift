import Filters
import Foundation
import HTTPServer
import Webhooks

/// `GET/POST /v1/filters`, `GET/PATCH/DELETE /v1/filters/{id}`, `GET /v1/filters/{id}/thumbnail`:
/// the gallery plus the caller's custom filters. Gallery filters are visible to everyone and
/// read-only (PATCH/DELETE answer 403 `gallery_filter_read_only`); another account's custom
/// filter is a 404 exactly like a missing one. API keys need `filters:read` / `filters:write`.
enum FilterRoutes {
    static let readScope = "filters:read"
    static let writeScope = "filters:write"

    static func register(
        on router: inout Router, filters: FilterService, uploadOptions: RouteOptions, uploadDirectory: URL,
        styleModels: StyleModelStatus, fetcher: RemoteFetcher = RemoteFetcher()
    ) {
        router.post("/filters", options: uploadOptions) { request in
            let principal = try request.principal(requiring: writeScope)
            try styleModels.requireReady()
            if StyleURLRequest.isJSON(request) {
                return try createFromURL(request, account: principal.accountID.rawValue, filters: filters, fetcher: fetcher, directory: uploadDirectory)
            }
            let upload = try Upload.receive(request, fileField: "image", allowRaw: false, directory: uploadDirectory)
            defer { upload.discard() }
            guard let name = upload.form?.field("name") else {
                throw HTTPError(.unprocessableContent, code: "missing_field", detail: "The field \"name\" is required.", param: "name")
            }
            let filter = try filters.create(account: principal.accountID.rawValue, styleImage: upload.file, name: name)
            return .json(FilterResource(filter), status: .created, headers: ["Location": "/v1/filters/\(filter.id.rawValue)"])
        }

        router.get("/filters", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let page = try PageRequest(request)
            let list = try filters.list(account: principal.accountID.rawValue, limit: page.limit, startingAfter: page.startingAfter)
            return .json(ListPage(data: list.items.map(FilterResource.init), hasMore: list.hasMore))
        }

        router.get("/filters/{id}", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            return .json(FilterResource(try filters.get(try filterID(request), account: principal.accountID.rawValue)))
        }

        router.get("/filters/{id}/thumbnail", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let stored = try filters.thumbnail(try filterID(request), account: principal.accountID.rawValue)
            return .blob(stored, cacheControl: "private, max-age=3600")
        }

        router.patch("/filters/{id}", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            let name = try JSONObjectBody(request).requiredString("name")
            return .json(FilterResource(try filters.rename(try filterID(request), account: principal.accountID.rawValue, to: name)))
        }

        router.delete("/filters/{id}", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            try filters.delete(try filterID(request), account: principal.accountID.rawValue)
            return .empty()
        }
    }

    private static func filterID(_ request: Request) throws -> FilterID {
        try FilterID.parse(try request.parameters.require("id"))
    }
}
