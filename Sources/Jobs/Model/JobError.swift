import Media
import Storage

/// What the job service refuses, each with its `ErrorCategory` (`JobError+Domain.swift`).
/// Quota refusals at submission are thrown as `QuotaError` unchanged.
public enum JobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// notFound `not_found`: no such job for this account (another account's job looks the same).
    case notFound(JobID)
    /// invalid `invalid_request`: an option or style is unusable; `param` names it.
    case invalidRequest(param: String, detail: String)
    /// invalid `invalid_content` (param `content`): the content file is missing, not an image or video we read, or
    /// does not fit the requested format.
    case invalidContent(detail: String)
    /// invalid `content_too_small` (param `content`): the content, as it would be rendered, is
    /// under the smallest size the network takes; refused before any work.
    case contentTooSmall(detail: String)
    /// conflict `not_cancelable`: the job already succeeded or failed.
    case notCancelable(JobID, status: JobStatus)
    /// unavailable `shutting_down` (retry after 1 s): `submitAndWait` was called after `stop()`.
    case serviceStopped
    /// As the `StorageError` reports itself: unavailable `busy`, internalFailure `internal` otherwise.
    case storage(StorageError)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .invalidRequest: "invalid_request"
        case .invalidContent: "invalid_content"
        case .contentTooSmall: "content_too_small"
        case .notCancelable: "not_cancelable"
        case .serviceStopped: "shutting_down"
        case .storage(.busy): "busy"
        case .storage: "internal"
        }
    }

    public var description: String {
        switch self {
        case .notFound(let id): "no stylization \(id)"
        case .invalidRequest(let param, let detail): "\(param): \(detail)"
        case .invalidContent(let detail), .contentTooSmall(let detail): "content: \(detail)"
        case .notCancelable(let id, let status): "stylization \(id) already \(status.rawValue)"
        case .serviceStopped: "the job service is stopping"
        case .storage(let error): "storage: \(error)"
        }
    }

    /// Runs a storage operation, wrapping `StorageError` so callers see one error type.
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StorageError {
            throw JobError.storage(error)
        }
    }
}
