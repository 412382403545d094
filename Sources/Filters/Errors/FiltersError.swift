import Inference
import Quotas
import Storage

/// Everything the filters and assets domain refuses. Each case names its `ErrorCategory` and
/// `code` (`category`, `code`, `param` give them; see Docs/Filters.md) and carries what a client
/// needs to fix the request.
public enum FiltersError: Error, Sendable, Equatable {
    /// The kinds of resource this module owns, for `notFound`.
    public enum Resource: String, Sendable {
        case filter
        case asset
    }

    /// notFound `not_found`: no such id, a malformed id, or one that belongs to another account
    /// (tenants cannot tell another account's resources from missing ones).
    case notFound(resource: Resource, id: String)
    /// invalid `invalid_name` (param `name`): empty, too long, or with control characters.
    case invalidName(reason: String)
    /// invalid `empty_file` (param `file`): the upload has no bytes.
    case emptyFile
    /// unsupportedMediaType `unsupported_media_type` (param `file`): not a JPEG/PNG/WebP image (or, for assets,
    /// an MP4/MOV/WebM/MKV video); for style images, any video.
    case unsupportedMediaType(detail: String)
    /// invalid `corrupt_media` (param `file`): the format is recognised but the data is truncated or
    /// malformed.
    case corruptMedia(detail: String)
    /// invalid `image_too_small` (param `file`): a style image needs at least `minimum` pixels a side.
    case imageTooSmall(width: Int, height: Int, minimum: Int)
    /// invalid `image_too_large` (param `file`): over the server's decode safety limit (which is above
    /// every plan's limit; plan limits answer `quota(.planLimit)`).
    case imageTooLarge(width: Int, height: Int, detail: String)
    /// forbidden `gallery_filter_read_only`: gallery filters cannot be renamed or deleted through the API.
    case galleryFilterReadOnly(id: String)
    /// malformed `invalid_parameter` (param `limit`): a page size outside 1...100.
    case invalidLimit(Int)
    /// malformed `invalid_parameter` (param `starting_after`): not an id this account can list.
    case invalidCursor(String)
    /// invalid `model_unavailable` (param `model`): the model is not installed on this server.
    case modelUnavailable(ModelKind)
    /// The plan refuses it: reported as the `QuotaError` itself (`plan_limit`, `quota_exceeded`).
    case quota(QuotaError)
    /// insufficientStorage `insufficient_storage` (retry after 60 s): the blob store's disk is full; nothing was stored.
    case diskFull
    /// unavailable `busy` (retry after 1 s) for `StorageError.busy`, internalFailure `internal` otherwise.
    case storage(StorageError)
    /// internalFailure `internal`: an encoder, the style network or a stored file failed.
    case internalFailure(String)
}
