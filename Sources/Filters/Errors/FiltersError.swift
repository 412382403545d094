import Inference
import Quotas
import Storage

/// Everything the filters and assets domain refuses. Each case names the HTTP status and problem
/// `code` it maps to (`status`, `code`, `param` give them; see Docs/Filters.md) and carries what
/// a client needs to fix the request.
public enum FiltersError: Error, Sendable, Equatable {
    /// The kinds of resource this module owns, for `notFound`.
    public enum Resource: String, Sendable {
        case filter
        case asset
    }

    /// 404 `not_found`: no such id, a malformed id, or one that belongs to another account
    /// (tenants cannot tell another account's resources from missing ones).
    case notFound(resource: Resource, id: String)
    /// 422 `invalid_name` (param `name`): empty, too long, or with control characters.
    case invalidName(reason: String)
    /// 422 `empty_file` (param `file`): the upload has no bytes.
    case emptyFile
    /// 415 `unsupported_media_type` (param `file`): not a JPEG/PNG/WebP image (or, for assets,
    /// an MP4/MOV/WebM/MKV video); for style images, any video.
    case unsupportedMediaType(detail: String)
    /// 422 `corrupt_media` (param `file`): the format is recognised but the data is truncated or
    /// malformed.
    case corruptMedia(detail: String)
    /// 422 `image_too_small` (param `file`): a style image needs at least `minimum` pixels a side.
    case imageTooSmall(width: Int, height: Int, minimum: Int)
    /// 422 `image_too_large` (param `file`): over the server's decode safety limit (which is above
    /// every plan's limit; plan limits answer `quota(.planLimit)`).
    case imageTooLarge(width: Int, height: Int, detail: String)
    /// 403 `gallery_filter_read_only`: gallery filters cannot be renamed or deleted through the API.
    case galleryFilterReadOnly(id: String)
    /// 400 `invalid_parameter` (param `limit`): a page size outside 1...100.
    case invalidLimit(Int)
    /// 400 `invalid_parameter` (param `starting_after`): not an id this account can list.
    case invalidCursor(String)
    /// 422 `model_unavailable` (param `model`): the model is not installed on this server.
    case modelUnavailable(ModelKind)
    /// The plan refuses it: `QuotaError.status`/`code` (413/422 `plan_limit`, 402 `quota_exceeded`).
    case quota(QuotaError)
    /// 507 `insufficient_storage`: the blob store's disk is full; nothing was stored.
    case diskFull
    /// 503 `busy` for `StorageError.busy`, 500 `internal` otherwise.
    case storage(StorageError)
    /// 500 `internal`: an encoder, the style network or a stored file failed.
    case internalFailure(String)
}
