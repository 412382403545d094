import Common

/// How each filters or assets refusal reaches a client: category, stable `code` and the
/// parameter at fault (the table in Docs/Filters.md). A plan refusal reports itself exactly as
/// the `QuotaError` it wraps.
extension FiltersError: DomainError {
    public var category: ErrorCategory {
        switch self {
        case .notFound: .notFound
        case .invalidName, .emptyFile, .corruptMedia, .imageTooSmall, .imageTooLarge, .modelUnavailable: .invalid
        case .unsupportedMediaType: .unsupportedMediaType
        case .galleryFilterReadOnly: .forbidden
        case .invalidLimit, .invalidCursor: .malformed
        case .quota(let error): error.category
        case .diskFull: .insufficientStorage
        case .storage(let error): error.category
        case .internalFailure: .internalFailure
        }
    }

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .invalidName: "invalid_name"
        case .emptyFile: "empty_file"
        case .unsupportedMediaType: "unsupported_media_type"
        case .corruptMedia: "corrupt_media"
        case .imageTooSmall: "image_too_small"
        case .imageTooLarge: "image_too_large"
        case .galleryFilterReadOnly: "gallery_filter_read_only"
        case .invalidLimit, .invalidCursor: "invalid_parameter"
        case .modelUnavailable: "model_unavailable"
        case .quota(let error): error.code
        case .diskFull: "insufficient_storage"
        case .storage(.busy): "busy"
        case .storage, .internalFailure: "internal"
        }
    }

    /// The request parameter at fault.
    public var param: String? {
        switch self {
        case .quota(let error): error.param
        case .invalidName: "name"
        case .emptyFile, .unsupportedMediaType, .corruptMedia, .imageTooSmall, .imageTooLarge: "file"
        case .invalidLimit: "limit"
        case .invalidCursor: "starting_after"
        case .modelUnavailable: "model"
        default: nil
        }
    }

    public var detail: String {
        if case .quota(let error) = self { return error.detail }
        return description
    }

    public var members: [String: ErrorMember] {
        if case .quota(let error) = self { return error.members }
        return [:]
    }

    /// A busy database frees up within a second; a full disk needs an operator, so a minute.
    public var retryAfter: Int? {
        switch self {
        case .quota(let error): error.retryAfter
        case .storage(let error): error.retryAfter
        case .diskFull: 60
        default: nil
        }
    }
}

extension FiltersError: CustomStringConvertible {
    /// A client-safe explanation (no paths, no SQL).
    public var description: String {
        switch self {
        case .notFound(let resource, let id): "no \(resource.rawValue) \(id)"
        case .invalidName(let reason): "invalid name: \(reason)"
        case .emptyFile: "the file is empty"
        case .unsupportedMediaType(let detail): detail
        case .corruptMedia(let detail): detail
        case .imageTooSmall(let width, let height, let minimum):
            "the image is \(width)x\(height); style images need at least \(minimum) pixels a side"
        case .imageTooLarge(_, _, let detail): detail
        case .galleryFilterReadOnly(let id): "\(id) is a gallery filter and cannot be changed"
        case .invalidLimit(let limit): "limit \(limit) is outside 1...100"
        case .invalidCursor(let cursor): "starting_after \(cursor) is not an id in this list"
        case .modelUnavailable(let model): "the \(model.rawValue) model is not installed on this server"
        case .quota(let error): "\(error)"
        case .diskFull: "the server has no storage space left; try again later"
        case .storage(.busy): "the service is busy; try again"
        case .storage, .internalFailure: "internal error"
        }
    }
}
