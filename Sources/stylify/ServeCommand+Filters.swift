import API
import Accounts
import ArgumentParser
import Filters
import Foundation
import HTTPServer
import Inference
import Quotas
import Storage

extension ServeCommand {
    /// Sets up assets and filters for `serve`: the blob store under `<data-dir>/blobs`, the style
    /// models (a missing MicroAST leaves the server up but not ready, see `StyleModelStatus`), the
    /// gallery seed, the routes and the periodic `ContentSweeper`. Returns the services for the
    /// stylization endpoints; keep its `sweeps` alive while the server runs: it owns the sweep timer.
    func startFilters(
        options: FilterServeOptions, router: inout Router, configuration: inout ServerConfiguration,
        database: Database, quotaHTTP: QuotaEndpoints, authenticated: AuthenticatedRoutes, dataDirectory: URL
    ) throws -> FilterServeServices {
        let environment = ProcessInfo.processInfo.environment
        func setting(_ value: String?, _ key: String) -> String? {
            value ?? environment[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        let blobs = try LocalDiskBlobStore(root: dataDirectory.appendingPathComponent("blobs"))
        let quotas = quotaHTTP.quotas
        let locator = ModelLocator(directory: URL(fileURLWithPath: setting(options.models, "STYLIFY_MODELS") ?? "models").standardizedFileURL)
        let status = StyleModelStatus(missingFiles: locator.expectedFiles(for: .microast)
            .filter { !FileManager.default.fileExists(atPath: $0.path) }.map(\.path))
        let models = try StyleModels.loadAvailable(from: locator)
        if status.isReady {
            Self.log("level=info msg=\"models loaded\" models=\(models.map { $0.kind.rawValue }.joined(separator: ","))")
        } else {
            Self.log("level=warn msg=\"custom filters unavailable\" reason=\"\(status.explanation)\"")
        }
        configuration.readinessChecks.append(status.readinessCheck)

        let assets = AssetService(database: database, blobs: blobs, quotas: quotas)
        let filters = FilterService(database: database, blobs: blobs, quotas: quotas, models: models)
        if status.isReady, let folder = try galleryFolder(setting(options.gallery, "STYLIFY_GALLERY")) {
            let report = try filters.seedGallery(from: folder)
            Self.log("level=info msg=\"gallery seeded\" folder=\(folder.path) added=\(report.added.count) unchanged=\(report.unchanged) failed=\(report.failed.count)")
            for failure in report.failed {
                Self.log("level=warn msg=\"gallery image refused\" file=\(failure.fileName) reason=\"\(failure.error)\"")
            }
        }
        FilterEndpoints.register(
            on: &router, authenticated: authenticated, uploads: quotaHTTP.uploadAdmission(authenticated: authenticated),
            assets: assets, filters: filters,
            uploadDirectory: configuration.temporaryDirectory.appendingPathComponent("uploads"), styleModels: status)

        var seconds = 300
        if let text = setting(options.sweepSeconds.map(String.init), "STYLIFY_SWEEP_SECONDS") {
            guard let value = Int(text), value > 0 else { throw ValidationError("STYLIFY_SWEEP_SECONDS must be a positive integer") }
            seconds = value
        }
        let sweeps = ContentSweepTimer(sweeper: ContentSweeper(database: database, blobs: blobs), interval: .seconds(seconds), log: Self.log)
        return FilterServeServices(quotas: quotas, assets: assets, filters: filters, models: locator, sweeps: sweeps)
    }

    /// The gallery folder: the option, else `../shared/images/style` when it exists, else none.
    /// The configured gallery folder (an error when it does not exist, so a typo is not a silently
    /// empty gallery), else the development default when it exists.
    private func galleryFolder(_ configured: String?) throws -> URL? {
        func isFolder(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let configured {
            let folder = URL(fileURLWithPath: configured)
            guard isFolder(folder) else { throw ValidationError("--gallery / STYLIFY_GALLERY: no such folder: \(configured)") }
            return folder
        }
        let fallback = URL(fileURLWithPath: "../shared/images/style").standardizedFileURL
        return isFolder(fallback) ? fallback : nil
    }

    private static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
