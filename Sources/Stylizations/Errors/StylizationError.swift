import Inference
import Jobs

/// What the stylization orchestration refuses itself; the domains below report their own errors
/// (`FiltersError`, `JobError`, `QuotaError`, `WebhooksError`), which pass through unchanged.
/// Each case names its `ErrorCategory` and `code` (`StylizationError+Domain.swift`).
public enum StylizationError: Error, Sendable, Equatable {
    /// invalid `invalid_request` (param `content`): the content asset id is unknown, another
    /// account's, deleted, expired or malformed. The id is in the body, not the path: a 404
    /// would read as "no such endpoint".
    case unknownContent(id: String)
    /// invalid `invalid_request` (param `filters[index].id`, or `filters` when the index is not
    /// known): no such filter for this account, or it was deleted.
    case unknownFilter(id: String, index: Int?)
    /// invalid `invalid_request` (param `mask.asset_id`): the mask asset is unknown, another
    /// account's, deleted, expired or malformed (as for the content).
    case unknownMask(id: String)
    /// invalid `invalid_mask` (param `mask.asset_id`): the mask asset is not an image.
    case maskNotImage(id: String, kind: String)
    /// invalid `invalid_request` (param `mask.<region>.filter_id`): no such filter for this account.
    case unknownMaskFilter(id: String, region: String)
    /// invalid `invalid_request` (param `format`): the format cannot hold the content's kind
    /// (mp4 for an image, jpeg for a video).
    case formatMismatch(format: OutputFormat, contentKind: String)
    /// invalid `model_not_loaded` (param `model`): the model is known but this server has not
    /// loaded its weights; `loaded` are the ones it has.
    case modelNotLoaded(ModelKind, loaded: [ModelKind])
    /// conflict `not_ready`: the result exists once the stylization succeeded; it is `status`.
    case notReady(status: JobStatus)
    /// gone `result_expired`: the result passed the plan's retention or its asset was deleted.
    case resultExpired(JobID)
    /// malformed `invalid_parameter` (param `starting_after`): not one of the account's stylizations.
    case invalidCursor(String)
    /// malformed `invalid_idempotency_key` (param `Idempotency-Key`): not 1 to
    /// `IdempotencyStore.maxKeyLength` printable ASCII characters.
    case invalidIdempotencyKey
    /// invalid `idempotency_key_reused` (param `Idempotency-Key`): the key came with another request.
    case idempotencyKeyReused
    /// conflict `idempotency_key_in_use`, retry after 1 s: the first request with the key still runs.
    case idempotencyKeyInUse
}
