import Common
import Foundation
import Inference
import Quotas
import Storage

/// Filters: the gallery (seeded from a folder of style images, visible to every account) and
/// each account's custom filters made from its own style images. A filter keeps its style image,
/// a 256x256 JPEG thumbnail and a style code per installed model, computed once, so applying it
/// never runs the style encoder again.
///
/// Deleting a filter a job has pinned keeps its row and codes for that job (`deleted_at` is set,
/// the row goes when the last pin does). Another account's filter answers `notFound`.
public struct FilterService: Sendable {
    let content: ContentStore
    /// The installed models; a style code is cached for each.
    let models: [any StyleTransferModel]

    /// - Parameters:
    ///   - models: the loaded models (`StyleModels.loadAvailable(from:)`), shared with the jobs.
    public init(database: any SQLDatabase, blobs: any BlobStore, quotas: QuotaService, models: [any StyleTransferModel], clock: any Clock = .system) {
        content = ContentStore(database: database, registry: BlobRegistry(database: database, store: blobs), quotas: quotas, clock: clock)
        self.models = models
    }

    /// The plans and limits the filters are checked against (a `style_url` fetch is bounded by
    /// the account's `upload_bytes`).
    public var quotas: QuotaService { content.quotas }

    /// The models this server has loaded, in `ModelKind` order (MicroAST first): the ones a
    /// stylization may ask for.
    public var loadedModels: [ModelKind] {
        ModelKind.allCases.filter { kind in models.contains { $0.kind == kind } }
    }

    /// Makes a custom filter from a style image. Checks, in order: the name, the upload size, the
    /// media (an image, at least 64 px a side), the plan's image limits and custom-filter count
    /// (from the header, before decoding), then decodes, makes the thumbnail and style codes, and
    /// stores everything in one transaction.
    ///
    /// - Throws: `FiltersError.invalidName`, `.emptyFile`, `.unsupportedMediaType`,
    ///   `.corruptMedia`, `.imageTooSmall`, `.quota(.planLimit)`, `.quota(.quotaExceeded)`
    ///   (custom filters, stored bytes), `.diskFull`, `.storage`.
    public func create(account: String, styleImage file: URL, name: String) throws -> Filter {
        try FiltersError.wrapping {
            let name = try FilterName.validated(name)
            let size = try content.fileSize(file)
            let owned = try content.database.readTransaction { try FilterRecords.customCount(account: account, in: $0) }
            try content.quotas.checkCustomFilterCount(account: account, current: owned)
            let style = try StyleImage(file: file, size: size, account: account, quotas: content.quotas, models: models)
            try content.checkStoredBytes(account: account, file: file, bytes: size + Int64(style.thumbnail.count))
            let id = try FilterID.generate()
            return try content.store([.file(file), .data(style.thumbnail)], account: account) { connection, blobs, now in
                // Counted again under the account's lock, so concurrent creations cannot overshoot.
                try content.quotas.checkCustomFilterCount(account: account, current: try FilterRecords.customCount(account: account, in: connection))
                let stored = try content.storedBytes(account: account, in: connection)
                let adding = try content.addedBytes(blobs[0], account: account, in: connection)
                    + content.addedBytes(blobs[1], account: account, in: connection)
                try content.quotas.checkStoredBytes(account: account, current: stored, adding: adding)
                try FilterRecords.insert(
                    FilterRecords.NewFilter(
                        id: id, account: account, name: name, style: blobs[0], styleMediaType: style.format.mediaType,
                        thumbnail: blobs[1], width: style.width, height: style.height, codes: style.codes),
                    now: now, in: connection)
                guard let filter = try FilterRecords.find(id, account: account, in: connection) else {
                    throw FiltersError.internalFailure("filter \(id) vanished while being created")
                }
                return filter
            }
        }
    }
}
