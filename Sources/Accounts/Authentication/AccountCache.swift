import Storage

/// Recently read accounts, so a hot `GET /v1/me` costs no database read. Status changes made in
/// this process evict at once; those made by another process are seen when the entry expires.
typealias AccountCache = ExpiringCache<AccountID, Account>

extension ExpiringCache where Key == AccountID, Value == Account {
    /// Bounds memory under a flood of distinct accounts; far above any real working set.
    static func accounts() -> AccountCache { AccountCache(capacity: 50_000) }
}
