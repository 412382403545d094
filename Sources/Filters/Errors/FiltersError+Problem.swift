/// The HTTP face of `FiltersError`: status, stable `code` and the parameter at fault.
extension FiltersError {
    /// The HTTP status this error answers with.
    public var status: Int {
        switch self {
        case .notFound: 404
        case .invalidName, .emptyFile, .corruptMedia, .imageTooSmall, .imageTooLarge, .modelUnavailable: 422
        case .unsupportedMediaType: 415
        case .galleryFilterReadOnly: 403
        case .invalidLimit, .invalidCursor: 400
        case .quota(let error): error.status
        case .diskFull: 507
        case .storage(.busy): 503
        case .storage, .internalFailure: 500
        }
    }

    /// A stable machine-readable code for the problem's `code` member.
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

    /// The request parameter at fault, for the problem's `param` member.
    public var param: String? {
        switch self {
        case .invalidName: "name"
        case .emptyFile, .unsupportedMediaType, .corruptMedia, .imageTooSmall, .imageTooLarge: "file"
        case .invalidLimit: "limit"
        case .invalidCursor: "starting_after"
        case .modelUnavailable: "model"
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
