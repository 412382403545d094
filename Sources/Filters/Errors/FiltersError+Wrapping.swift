import Inference
import Media
import Quotas
import Storage

extension FiltersError {
    /// Runs `body`, turning the errors of the modules below into `FiltersError`s, so callers
    /// see one error type.
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FiltersError {
            throw error
        } catch let error as QuotaError {
            if case .storage(let storage) = error { throw FiltersError(storage) }
            throw FiltersError.quota(error)
        } catch let error as StorageError {
            throw FiltersError(error)
        } catch let error as MediaError {
            throw FiltersError(error)
        } catch let error as VideoError {
            throw FiltersError(error)
        } catch let error as InferenceError {
            throw FiltersError.internalFailure("style encoder: \(error)")
        } catch {
            throw FiltersError.internalFailure("\(error)")
        }
    }

    init(_ error: StorageError) {
        if case .diskFull = error { self = .diskFull } else { self = .storage(error) }
    }

    /// Media errors while reading an upload: what is wrong with the client's file.
    init(_ error: MediaError) {
        switch error {
        case .empty:
            self = .emptyFile
        case .unknownFormat, .unsupportedFormat:
            self = .unsupportedMediaType(detail: error.description)
        case .unrecognizedMedia:
            self = .unsupportedMediaType(detail: "the file is not a JPEG, PNG or WebP image nor an MP4, MOV, WebM or MKV video")
        case .corruptData, .invalidDimensions, .pixelCountMismatch:
            self = .corruptMedia(detail: error.description)
        case .tooManyPixels(let width, let height, _), .sideTooLong(let width, let height, _):
            self = .imageTooLarge(width: width, height: height, detail: error.description)
        default:
            // Our own temp file unreadable, an encoder failing: not the client's fault.
            self = .internalFailure(error.description)
        }
    }

    /// Video errors while probing an upload.
    init(_ error: VideoError) {
        switch error {
        case .emptyFile:
            self = .emptyFile
        case .unrecognizedFormat, .unsupportedContainer, .noVideoStream, .unsupportedCodec:
            self = .unsupportedMediaType(detail: error.description)
        case .corruptHeader, .truncated, .corruptStream:
            self = .corruptMedia(detail: error.description)
        case .tooLarge(let width, let height, _):
            self = .imageTooLarge(width: width, height: height, detail: error.description)
        default:
            self = .internalFailure(error.description)
        }
    }
}
