import Accounts
import Filters
import Foundation

/// The content endpoints of API.md ("assets", "filters"), registered on one router behind bearer
/// authentication. `stylify serve` and the end-to-end tests call this.
///
///     FilterEndpoints.register(on: &router, accounts: accounts, assets: assets, filters: filters,
///                              uploadDirectory: spool, styleModels: status)
public enum FilterEndpoints {
    /// The largest upload body a route accepts: the biggest plan's upload size. Each account's
    /// own plan limit is checked by the services once the body has arrived.
    public static let maxUploadBytes: Int64 = 1 << 30

    /// Handlers touch SQLite, the blob store and codecs: always on the worker pool.
    static let reads = RouteOptions(execution: .worker, maxBodyBytes: 16 * 1024)
    static let uploads = RouteOptions(execution: .worker, maxBodyBytes: maxUploadBytes)

    /// Registers the routes.
    ///
    /// - Parameters:
    ///   - uploadDirectory: where multipart file parts are written; put it on the blob store's file
    ///     system so that keeping an upload is cheap.
    ///   - styleModels: whether custom filters can be made (the MicroAST model is installed).
    public static func register(
        on router: inout Router, accounts: AccountServices, assets: AssetService, filters: FilterService,
        uploadDirectory: URL, styleModels: StyleModelStatus
    ) {
        let authentication = BearerAuthentication(authenticator: accounts.authenticator)
        router.group("/v1", middleware: [authentication]) { authenticated in
            AssetRoutes.register(on: &authenticated, assets: assets, uploadDirectory: uploadDirectory)
            FilterRoutes.register(on: &authenticated, filters: filters, uploadDirectory: uploadDirectory, styleModels: styleModels)
        }
    }
}
