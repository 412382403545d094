import Common

/// How each stylization refusal reaches a client (the table in Docs/Stylizations.md).
extension StylizationError: DomainError, CustomStringConvertible {
    public var category: ErrorCategory {
        switch self {
        case .unknownContent, .unknownFilter, .formatMismatch, .idempotencyKeyReused, .modelNotLoaded, .unknownMask, .maskNotImage, .unknownMaskFilter: .invalid
        case .notReady, .idempotencyKeyInUse: .conflict
        case .resultExpired: .gone
        case .invalidCursor, .invalidIdempotencyKey: .malformed
        }
    }

    public var code: String {
        switch self {
        case .unknownContent, .unknownFilter, .formatMismatch, .unknownMask, .unknownMaskFilter: "invalid_request"
        case .modelNotLoaded: "model_not_loaded"
        case .maskNotImage: "invalid_mask"
        case .notReady: "not_ready"
        case .resultExpired: "result_expired"
        case .invalidCursor: "invalid_parameter"
        case .invalidIdempotencyKey: "invalid_idempotency_key"
        case .idempotencyKeyReused: "idempotency_key_reused"
        case .idempotencyKeyInUse: "idempotency_key_in_use"
        }
    }

    public var param: String? {
        switch self {
        case .unknownContent: "content"
        case .unknownFilter(_, let index): index.map { "filters[\($0)].id" } ?? "filters"
        case .formatMismatch: "format"
        case .modelNotLoaded: "model"
        case .unknownMask, .maskNotImage: "mask.asset_id"
        case .unknownMaskFilter(_, let region): "mask.\(region).filter_id"
        case .invalidCursor: "starting_after"
        case .invalidIdempotencyKey, .idempotencyKeyReused: "Idempotency-Key"
        case .notReady, .resultExpired, .idempotencyKeyInUse: nil
        }
    }

    public var detail: String {
        switch self {
        case .unknownContent(let id): "No content asset \(id)."
        case .unknownFilter(let id, _): "No filter \(id)."
        case .unknownMask(let id): "No mask asset \(id)."
        case .maskNotImage(let id, let kind): "The mask \(id) is \(kind == "video" ? "a video" : "not an image"); a mask is a greyscale image."
        case .unknownMaskFilter(let id, _): "No filter \(id)."
        case .formatMismatch(let format, let kind): "format \(format.rawValue) cannot hold \(kind) content."
        case .modelNotLoaded(let model, let loaded):
            "The \(model.rawValue) model is not loaded on this server; loaded: \(loaded.map(\.rawValue).joined(separator: ", "))."
        case .notReady(let status): "The stylization is \(status.rawValue); its result exists once it succeeded."
        case .resultExpired(let id):
            "The result of \(id.rawValue) is no longer kept: it passed the plan's retention or its asset was deleted."
        case .invalidCursor: "starting_after must be the id of one of your stylizations."
        case .invalidIdempotencyKey:
            "Idempotency-Key must be 1 to \(IdempotencyStore.maxKeyLength) printable ASCII characters."
        case .idempotencyKeyReused: "This Idempotency-Key was used with a different request."
        case .idempotencyKeyInUse: "The first request with this Idempotency-Key is still running; retry shortly."
        }
    }

    /// `loaded`: the models a `model_not_loaded` refusal could have used instead.
    public var members: [String: ErrorMember] {
        if case .modelNotLoaded(_, let loaded) = self { return ["loaded": .strings(loaded.map(\.rawValue))] }
        return [:]
    }

    public var retryAfter: Int? {
        if case .idempotencyKeyInUse = self { return 1 }
        return nil
    }

    public var description: String { "\(code): \(detail)" }
}
