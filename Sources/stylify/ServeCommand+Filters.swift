import API
import Accounts
import Common
import Filters
import Foundation
import HTTPServer
import Inference
import Quotas
import Storage
import Webhooks

extension ServeCommand {
    /// Sets up assets and filters for `serve`: the blob store (`makeBlobStore`), the style
    /// models (a missing MicroAST leaves the server up but not ready, see `StyleModelStatus`), the
    /// gallery seed, the routes, and the periodic `ContentSweeper` (added to `lifecycle`; seed and
    /// sweeper on API nodes only).
    /// Returns the services for the stylization endpoints.
    static func makeFilters(
        settings: ServeSettings, router: inout Router, configuration: inout ServerConfiguration,
        database: any SQLDatabase, quotaHTTP: QuotaEndpoints, authenticated: AuthenticatedRoutes, lifecycle: ServiceLifecycle
    ) throws -> FilterServeServices {
        let blobs = try makeBlobStore(settings: settings, configuration: &configuration)
        let quotas = quotaHTTP.quotas
        // One compute context for the process: every model shares its threads and buffer pool.
        let locator = ModelLocator(directory: settings.models, context: settings.inference.context())
        let status = StyleModelStatus(missingFiles: locator.expectedFiles(for: .microast)
            .filter { !FileManager.default.fileExists(atPath: $0.path) }.map(\.path))
        let models = try StyleModels.loadAvailable(from: locator)
        if status.isReady {
            log("level=info msg=\"models loaded\" models=\(models.map { $0.kind.rawValue }.joined(separator: ","))")
        } else {
            log("level=warn msg=\"custom filters unavailable\" reason=\"\(status.explanation)\"")
        }
        configuration.readinessChecks.append(status.readinessCheck)

        let fetcher = RemoteFetcher(policy: RemoteFetchPolicy(allowedHosts: Set(settings.fetchAllowHosts)))
        if !settings.fetchAllowHosts.isEmpty {
            log("level=warn msg=\"URL fetches may reach internal hosts\" hosts=\(settings.fetchAllowHosts.joined(separator: ","))")
        }
        let assets = AssetService(database: database, blobs: blobs, quotas: quotas)
        let filters = FilterService(database: database, blobs: blobs, quotas: quotas, models: models)
        // Seeding and sweeping are the API nodes' (a worker's blobs are the same shared store).
        if status.isReady, settings.role.servesAPI, let folder = settings.gallery {
            let report = try filters.seedGallery(from: folder)
            log("level=info msg=\"gallery seeded\" folder=\(folder.path) added=\(report.added.count) unchanged=\(report.unchanged) failed=\(report.failed.count)")
            for failure in report.failed {
                log("level=warn msg=\"gallery image refused\" file=\(failure.fileName) reason=\"\(failure.error)\"")
            }
        }
        FilterEndpoints.register(
            on: &router, authenticated: authenticated, uploads: quotaHTTP.uploadAdmission(authenticated: authenticated),
            assets: assets, filters: filters,
            uploadDirectory: configuration.temporaryDirectory.appendingPathComponent("uploads"), styleModels: status, fetcher: fetcher)

        // At start-up, then every interval; a failed sweep is logged and retried at the next one.
        let sweeper = ContentSweeper(database: database, blobs: blobs)
        let sweeps = PeriodicTask(name: "stylify-content-sweep", every: TimeInterval(settings.contentSweepSeconds), runsAtStart: true) {
            do {
                let report = try sweeper.sweep()
                log("level=info msg=\"content sweep\" assets=\(report.assets) filters=\(report.filters) expired_pins=\(report.expiredPins)")
            } catch {
                log("level=error msg=\"content sweep failed\" error=\"\(error)\"")
            }
        }
        if settings.role.servesAPI {
            lifecycle.add("content-sweep", stopWithin: 30, start: sweeps.start, stop: { sweeps.stop() })
        }
        return FilterServeServices(quotas: quotas, assets: assets, filters: filters, models: locator, fetcher: fetcher)
    }
}
