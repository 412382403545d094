import Accounts
import Filters
import Foundation
import HTTPServer
import Webhooks

/// The content endpoints of API.md ("assets", "filters"), registered on one router behind bearer
/// authentication. `stylify serve` and the end-to-end tests call this.
///
///     FilterEndpoints.register(on: &router, accounts: accounts, assets: assets, filters: filters,
///                              uploadDirectory: spool, styleModels: status)
public enum FilterEndpoints {
    /// The largest upload body a route accepts: the biggest plan's upload size. Each account's
    /// own plan limit is checked by the services once the body has arrived.
    public static let maxUploadBytes: Int64 = 1 << 30

    /// Handlers touch SQLite, the blob store and codecs: always on the worker pool. Reads and
    /// the JSON writes (rename, delete) alike; bodies up to 16 KiB.
    static let blocking = RouteOptions(execution: .worker, maxBodyBytes: 16 * 1024)
    static let uploads = RouteOptions(execution: .worker, maxBodyBytes: maxUploadBytes)

    /// Registers the routes.
    ///
    /// - Parameters:
    ///   - uploadDirectory: where multipart file parts are written; put it on the blob store's file
    ///     system so that keeping an upload is cheap.
    ///   - styleModels: whether custom filters can be made (the MicroAST model is installed).
    ///   - fetcher: fetches a `style_url` (public addresses only unless its policy names hosts).
    /// - Parameters:
    ///   - authenticated: the middleware every authenticated route runs (authentication, rate limit).
    ///   - uploads: admits upload bodies against the caller's plan from the request head, so an
    ///     upload over `upload_bytes` is cut off with 413 the moment it passes the limit; without
    ///     it, uploads are capped at `maxUploadBytes` and the services check the plan afterwards.
    public static func register(
        on router: inout Router, authenticated: AuthenticatedRoutes, uploads admission: UploadAdmission?,
        assets: AssetService, filters: FilterService, uploadDirectory: URL, styleModels: StyleModelStatus,
        fetcher: RemoteFetcher = RemoteFetcher()
    ) {
        func uploadOptions(requiring scope: String) -> RouteOptions {
            admission?.routeOptions(requiring: scope) ?? uploads
        }
        router.group("/v1", middleware: authenticated.middleware) { v1 in
            AssetRoutes.register(
                on: &v1, assets: assets, uploadOptions: uploadOptions(requiring: AssetRoutes.writeScope),
                uploadDirectory: uploadDirectory)
            FilterRoutes.register(
                on: &v1, filters: filters, uploadOptions: uploadOptions(requiring: FilterRoutes.writeScope),
                uploadDirectory: uploadDirectory, styleModels: styleModels, fetcher: fetcher)
        }
    }
}
