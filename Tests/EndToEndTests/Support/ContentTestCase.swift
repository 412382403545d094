import API
import Filters
import Foundation
import Inference
import Quotas
import Storage
import TestSupport
import XCTest

/// A real server with the account, asset and filter endpoints over a real SQLite file, a real
/// blob directory and the real MicroAST weights; the gallery is seeded with two style images.
class ContentTestCase: EndToEndTestCase {
    var quotas: QuotaService!
    var blobRoot: URL!
    var galleryIDs: [String] = []

    /// Loaded once for the whole run: the weights are read-only and the models are Sendable.
    nonisolated(unsafe) static var loadedModels: [any StyleTransferModel]?
    static func models() throws -> [any StyleTransferModel] {
        if let loadedModels { return loadedModels }
        let models = try StyleModels.loadAvailable(from: ModelLocator(directory: Fixtures.models))
        loadedModels = models
        return models
    }

    /// The gallery this suite seeds (small images, to keep start-up quick).
    static let galleryImages = ["antimonocromatismo.jpg", "sketch.png"]

    /// Where the server's blob store lives inside its temp directory; suites may move it.
    func makeBlobRoot(in directory: URL) throws -> URL {
        directory.appendingPathComponent("blobs")
    }

    override func makeServer() throws -> AccountsServer {
        try AccountsServer(contentRoutes: { router, database, accounts, directory in
            let blobRoot = try self.makeBlobRoot(in: directory)
            let blobs = try LocalDiskBlobStore(root: blobRoot)
            let quotas = try QuotaService(database: database)
            let filters = FilterService(database: database, blobs: blobs, quotas: quotas, models: try Self.models())
            let gallery = directory.appendingPathComponent("gallery")
            try FileManager.default.createDirectory(at: gallery, withIntermediateDirectories: true)
            for name in Self.galleryImages {
                try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent(name), to: gallery.appendingPathComponent(name))
            }
            let report = try filters.seedGallery(from: gallery)
            self.galleryIDs = report.added.map(\.id.rawValue)
            self.quotas = quotas
            self.blobRoot = blobRoot
            // The production wiring: rate-limited authentication and uploads admitted against the plan.
            let quotaHTTP = QuotaEndpoints(quotas: quotas, limiter: RateLimiter())
            let authenticated = AuthenticatedRoutes(authenticator: accounts.authenticator, rateLimiting: quotaHTTP.rateLimiting)
            FilterEndpoints.register(
                on: &router, authenticated: authenticated, uploads: quotaHTTP.uploadAdmission(authenticated: authenticated),
                assets: AssetService(database: database, blobs: blobs, quotas: quotas),
                filters: filters, uploadDirectory: directory.appendingPathComponent("uploads"),
                styleModels: StyleModelStatus(missingFiles: []))
        })
    }

    // MARK: requests

    /// `multipart/form-data` with text `fields` and one file part.
    func multipart(
        _ path: String, token: String, fields: [(String, String)] = [], fileField: String, fileName: String,
        contentType: String = "application/octet-stream", file: Data
    ) throws -> HTTPClient.Response {
        var client = self.client
        client.timeoutSeconds = 60
        return try client.multipart(path, token: token, fields: fields, fileField: fileField, fileName: fileName, contentType: contentType, file: file)
    }

    /// A raw upload: the body is the file, `Content-Type` its media type.
    func rawUpload(_ data: Data, contentType: String, token: String) throws -> HTTPClient.Response {
        var client = self.client
        client.timeoutSeconds = 60
        return try client.send("POST", "/v1/assets", token: token, headers: [("Content-Type", contentType)], body: [UInt8](data))
    }

    func createFilter(_ name: String, image: String, token: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let response = try multipart(
            "/v1/filters", token: token, fields: [("name", name)], fileField: "image", fileName: image,
            file: try Data(contentsOf: Fixtures.styleImages.appendingPathComponent(image)))
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return try response.json()
    }

    func contentImage(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.contentImages.appendingPathComponent(name))
    }

    /// Files in the blob store (sidecar or temp files included): what an upload left behind.
    func blobFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: blobRoot.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: blobRoot.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }
    }

    func send(_ method: String, _ path: String, token: String, json: [String: Any]) throws -> HTTPClient.Response {
        try client.send(method, path, token: token, headers: [("Content-Type", "application/json")], body: [UInt8](try JSONSerialization.data(withJSONObject: json)))
    }
}
