import Common

/// How a storage failure reaches a client: `busy` (retry in a second) when another writer held
/// the lock too long; `storage_unavailable` (503 with `Retry-After`) when the blob store cannot be
/// reached, keeps failing, or refuses this server's credentials, bucket or region (the client can
/// only wait while an operator acts); `database_unavailable` (503 with `Retry-After`) when the
/// PostgreSQL server cannot be reached or dropped the connection, or refuses this server's
/// credentials or database; anything else an internal failure whose detail never shows
/// paths, SQL or the store's answers. Domain modules that wrap a `StorageError` report it through these.
extension StorageError: DomainError {
    public var category: ErrorCategory {
        switch self {
        case .busy, .blobStoreUnavailable, .blobStoreRefused: .unavailable
        case .unavailable, .authenticationFailed, .databaseNotFound, .advisoryLockLost: .unavailable
        default: .internalFailure
        }
    }

    public var code: String {
        switch self {
        case .busy: "busy"
        case .blobStoreUnavailable, .blobStoreRefused: "storage_unavailable"
        case .unavailable, .authenticationFailed, .databaseNotFound, .advisoryLockLost: "database_unavailable"
        default: "internal"
        }
    }

    public var detail: String {
        switch self {
        case .busy: "The service is busy; try again."
        case .blobStoreUnavailable, .blobStoreRefused: "File storage is unavailable at the moment; try again later."
        case .unavailable, .authenticationFailed, .databaseNotFound, .advisoryLockLost: "The database is unavailable at the moment; try again later."
        default: "Internal error."
        }
    }

    public var retryAfter: Int? {
        switch self {
        case .busy: 1
        // A 503 storm or an outage passes in seconds; a refused configuration needs an operator.
        case .blobStoreUnavailable: 5
        case .blobStoreRefused: 30
        // A restart or failover passes in seconds; refused credentials or a missing database need an operator.
        case .unavailable, .advisoryLockLost: 5
        case .authenticationFailed, .databaseNotFound: 30
        default: nil
        }
    }
}
