import API
import Filters
import Foundation
import HTTPServer
import Quotas
import Storage
import TestSupport
import XCTest

/// `openapi.yaml` stays true to the code: every operation it describes is served.
final class OpenAPIContractTests: EndToEndTestCase {
    func testEveryOperationInOpenAPIIsServed() throws {
        let operations = try OpenAPIOperation.described().map { ($0.method, $0.path) }
        XCTAssertGreaterThanOrEqual(operations.count, 10)
        var router = Router()
        AccountEndpoints.register(on: &router, accounts: server.accounts)
        let blobs = try LocalDiskBlobStore(root: server.directory.appendingPathComponent("blobs"))
        let quotas = try QuotaService(database: server.database)
        let authenticated = AuthenticatedRoutes(authenticator: server.accounts.authenticator)
        FilterEndpoints.register(
            on: &router, authenticated: authenticated, uploads: nil,
            assets: AssetService(database: server.database, blobs: blobs, quotas: quotas),
            filters: FilterService(database: server.database, blobs: blobs, quotas: quotas, models: []),
            uploadDirectory: server.directory.appendingPathComponent("uploads"), styleModels: StyleModelStatus(missingFiles: []))
        let stylizations = try StylizationServer()
        defer { stylizations.stop() }
        StylizationEndpoints.register(on: &router, authenticated: authenticated, stylizations: stylizations.service)
        WebhookEndpoints.register(on: &router, authenticated: authenticated, webhooks: stylizations.webhooks)
        MetricsEndpoint.register(on: &router, registry: MetricsRegistry(), token: OperatorToken.generate())
        for (method, path) in operations {
            if path.hasPrefix("/v1/") || path == MetricsEndpoint.path {
                XCTAssertTrue(router.hasRoute(method, path), "\(method.rawValue) \(path) is described but not routed")
            } else {
                // Operations routes are added by the server itself.
                let response = try client.send(method.rawValue, path)
                XCTAssertNotEqual(response.status, 404, "\(method.rawValue) \(path)")
                XCTAssertNotEqual(response.status, 405, "\(method.rawValue) \(path)")
            }
        }
    }
}
