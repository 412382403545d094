import Common

/// How each job refusal reaches a client (the table in Docs/Jobs.md). Jobs are what clients
/// call stylizations, so a missing one is "No such stylization.".
extension JobError: DomainError {
    public var category: ErrorCategory {
        switch self {
        case .notFound: .notFound
        case .invalidRequest, .invalidContent, .contentTooSmall: .invalid
        case .notCancelable: .conflict
        case .serviceStopped: .unavailable
        case .storage(let error): error.category
        }
    }

    public var param: String? {
        switch self {
        case .invalidRequest(let param, _): param
        case .invalidContent, .contentTooSmall: "content"
        default: nil
        }
    }

    public var detail: String {
        switch self {
        case .notFound: "No such stylization."
        case .invalidRequest(_, let detail), .invalidContent(let detail), .contentTooSmall(let detail): detail
        case .notCancelable: description
        case .serviceStopped: "The server is shutting down; try again."
        case .storage(let error): error.detail
        }
    }

    public var retryAfter: Int? {
        switch self {
        case .serviceStopped: 1
        case .storage(let error): error.retryAfter
        default: nil
        }
    }
}
