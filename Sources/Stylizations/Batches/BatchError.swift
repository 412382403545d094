import Common

/// What batches refuse themselves; an item's own refusal passes through as `JobBatchItemError`
/// or the domain error of that item, the batch's quota refusal as `QuotaError`.
public enum BatchError: Error, Sendable, Equatable {
    /// notFound `not_found`: no such batch, a malformed id, or another account's.
    case notFound(id: String)
}

extension BatchError: DomainError, CustomStringConvertible {
    public var category: ErrorCategory { .notFound }
    public var code: String { "not_found" }
    public var detail: String {
        switch self {
        case .notFound(let id): "No batch \(id)."
        }
    }

    public var description: String { "\(code): \(detail)" }
}
