import Common
import Foundation
import Media
import Quotas
import Storage

/// Uploaded content (images and videos to stylize): created from a file the HTTP layer spooled to
/// disk, checked against the plan from its headers, stored as a content-addressed blob and kept
/// for the plan's retention.
///
/// Create one per process and share it. Every call is scoped to an account: another account's
/// asset answers `notFound` exactly like a missing one.
public struct AssetService: Sendable {
    let content: ContentStore

    /// The blob store the assets' bytes are in (also the jobs' content and results).
    public var blobs: any BlobStore { content.blobs }

    /// - Parameters:
    ///   - blobs: where the bytes go (`LocalDiskBlobStore` under `<data-dir>/blobs`).
    ///   - clock: "now" for creation and expiry times; tests move it by hand.
    public init(database: any SQLDatabase, blobs: any BlobStore, quotas: QuotaService, clock: any Clock = .system) {
        content = ContentStore(database: database, registry: BlobRegistry(database: database, store: blobs), quotas: quotas, clock: clock)
    }

    /// Stores an upload as a new asset. The format comes from the bytes (`MediaProbe`), never
    /// from `declaredName` or a Content-Type. Checks, in order: upload size, media, image or
    /// video size against the plan (from the header), that an image decodes, stored bytes (the
    /// same bytes stored twice count once); only then is anything stored. The file is adopted
    /// by the blob store without a copy where possible (a hard link on the same file system):
    /// delete it afterwards if you like, but never modify it.
    ///
    /// - Throws: `FiltersError.emptyFile`, `.unsupportedMediaType`, `.corruptMedia`,
    ///   `.quota(.planLimit)` (upload bytes 413, image or video size 422),
    ///   `.quota(.quotaExceeded)` (stored bytes), `.diskFull`, `.storage`.
    public func create(account: String, uploadedFile: URL, declaredName: String?) throws -> Asset {
        try FiltersError.wrapping {
            let bytes = try content.fileSize(uploadedFile)
            guard bytes > 0 else { throw FiltersError.emptyFile }
            try content.quotas.checkUpload(account: account, bytes: bytes)
            let probe = AssetProbe(try MediaProbe.probe(contentsOf: uploadedFile), file: uploadedFile)
            try probe.check(account: account, quotas: content.quotas)
            // A header can be fine while the data is not: decoding now (within the plan's pixel
            // limit) tells the client at once instead of failing a job later.
            if probe.kind == .image { _ = try ImageDecoder.decode(contentsOf: uploadedFile) }
            try content.checkStoredBytes(account: account, file: uploadedFile, bytes: bytes)
            let retention = try content.quotas.retention(account: account)
            let id = try AssetID.generate()
            let name = UploadName.sanitized(declaredName)
            return try content.store([.upload(uploadedFile)], account: account) { connection, blobs, now in
                // Checked again under the account's lock: two uploads at once must not both fit.
                let current = try content.storedBytes(account: account, in: connection)
                try content.quotas.checkStoredBytes(
                    account: account, current: current, adding: try content.addedBytes(blobs[0], account: account, in: connection))
                let asset = Asset(
                    id: id, accountID: account, kind: probe.kind, mediaType: probe.mediaType, name: name,
                    width: probe.width, height: probe.height, frames: probe.frames, durationSeconds: probe.duration,
                    bytes: blobs[0].size, sha256: blobs[0].key.hex,
                    createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(retention)), stylizationID: nil)
                try AssetRecords.insert(asset, in: connection)
                return try AssetRecords.find(id, account: account, now: now, holder: nil, in: connection) ?? asset
            }
        }
    }
}
