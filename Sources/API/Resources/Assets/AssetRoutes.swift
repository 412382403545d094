import Filters
import Foundation
import HTTPServer

/// `POST/GET /v1/assets`, `GET/DELETE /v1/assets/{id}`, `GET /v1/assets/{id}/content`: the
/// caller's uploaded content. Another account's asset (or a malformed id) is a 404 exactly like a
/// missing one. API keys need `assets:read` / `assets:write` (or `assets`, or no scopes).
enum AssetRoutes {
    static let readScope = "assets:read"
    static let writeScope = "assets:write"

    static func register(on router: inout Router, assets: AssetService, uploadOptions: RouteOptions, uploadDirectory: URL) {
        router.post("/assets", options: uploadOptions) { request in
            let principal = try request.principal(requiring: writeScope)
            let upload = try Upload.receive(request, fileField: "file", allowRaw: true, directory: uploadDirectory)
            defer { upload.discard() }
            let asset = try assets.create(account: principal.accountID.rawValue, uploadedFile: upload.file, declaredName: upload.fileName)
            return .json(AssetResource(asset), status: .created, headers: ["Location": "/v1/assets/\(asset.id.rawValue)"])
        }

        router.get("/assets", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let page = try PageRequest(request)
            let list = try assets.list(account: principal.accountID.rawValue, limit: page.limit, startingAfter: page.startingAfter)
            return .json(ListPage(data: list.items.map(AssetResource.init), hasMore: list.hasMore))
        }

        router.get("/assets/{id}", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let asset = try assets.get(try assetID(request), account: principal.accountID.rawValue)
            return .json(AssetResource(asset))
        }

        router.get("/assets/{id}/content", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let stored = try assets.content(try assetID(request), account: principal.accountID.rawValue)
            // Blobs are content-addressed and never change: caching is safe, but only privately.
            return .blob(stored, cacheControl: "private, max-age=3600")
        }

        router.delete("/assets/{id}", options: FilterEndpoints.blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            try assets.delete(try assetID(request), account: principal.accountID.rawValue)
            return .empty()
        }
    }

    private static func assetID(_ request: Request) throws -> AssetID {
        try AssetID.parse(try request.parameters.require("id"))
    }
}
