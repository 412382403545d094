import Common

/// How a storage failure reaches a client: `busy` (retry in a second) when another writer held
/// the lock too long; anything else an internal failure whose detail never shows paths or SQL.
/// Domain modules that wrap a `StorageError` report it through these.
extension StorageError: DomainError {
    public var category: ErrorCategory {
        if case .busy = self { return .unavailable }
        return .internalFailure
    }

    public var code: String {
        if case .busy = self { return "busy" }
        return "internal"
    }

    public var detail: String {
        if case .busy = self { return "The service is busy; try again." }
        return "Internal error."
    }

    public var retryAfter: Int? {
        if case .busy = self { return 1 }
        return nil
    }
}
