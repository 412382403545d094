import Storage

/// Resolved principals by token hash. Revocations made in this process evict at once.
typealias CredentialCache = ExpiringCache<[UInt8], Principal>

extension ExpiringCache where Key == [UInt8], Value == Principal {
    /// Bounds memory under a flood of distinct valid tokens; far above any real working set.
    static func credentials() -> CredentialCache { CredentialCache(capacity: 50_000) }

    func evict(apiKey id: APIKeyID) {
        evict { $0.apiKeyID == id }
    }

    func evict(account id: AccountID) {
        evict { $0.accountID == id }
    }
}
