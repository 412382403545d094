/// The statements of the Accounts module written in SQLite's dialect, in one place: everything
/// else in `AccountRecords`, `SessionRecords` and `APIKeyRecords` is portable SQL that PostgreSQL
/// runs as it is. A PostgreSQL backend supplies its own text for exactly these.
///
/// All of them page or order by the implicit `rowid`, i.e. by insertion order: ids are random and
/// `created_at` is whole seconds, so neither keeps the order rows were made in. PostgreSQL has no
/// rowid and needs an explicit sequence column (`seq`) on `accounts`, `users` and `api_keys`.
enum AccountsDialect {
    /// The account's active keys after the key `?2` (if it is the account's; none at all for a
    /// foreign or revoked cursor), oldest first, at most `?3`. ?1 account.
    static let activeKeysAfter = """
        SELECT \(APIKey.columns) FROM api_keys
        WHERE account_id = ?1 AND revoked_at IS NULL
          AND rowid > coalesce((SELECT rowid FROM api_keys WHERE id = ?2 AND account_id = ?1), 9223372036854775807)
        ORDER BY rowid LIMIT ?3
        """

    /// The account's first active keys, at most `?2`. ?1 account.
    static let activeKeysFirst = """
        SELECT \(APIKey.columns) FROM api_keys
        WHERE account_id = ?1 AND revoked_at IS NULL
        ORDER BY rowid LIMIT ?2
        """

    /// Accounts with their owner's email and active key count, oldest first.
    private static let summaries = """
        SELECT a.id, a.name, a.plan, a.status, a.created_at, a.updated_at,
               (SELECT email FROM users u WHERE u.account_id = a.id AND u.role = 'owner' ORDER BY u.created_at LIMIT 1) AS owner_email,
               (SELECT count(*) FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at IS NULL) AS active_keys
        FROM accounts a
        """

    /// After the account `?1` (none at all for an unknown cursor), at most `?2`.
    static let accountSummariesAfter = summaries + """

        WHERE a.rowid > coalesce((SELECT rowid FROM accounts WHERE id = ?1), 9223372036854775807)
        ORDER BY a.rowid LIMIT ?2
        """

    /// The first ones, at most `?1`.
    static let accountSummariesFirst = summaries + "\nORDER BY a.rowid LIMIT ?1"

    /// The users of account `?1` in creation order.
    static let usersOfAccount = "SELECT \(User.columns) FROM users WHERE account_id = ? ORDER BY rowid"

    /// The keys of account `?1` (revoked ones too) in creation order.
    static let keysOfAccount = "SELECT \(APIKey.columns) FROM api_keys WHERE account_id = ? ORDER BY rowid"

    /// Every key of every account in creation order; `activeOnly` leaves out revoked ones.
    static func allKeys(activeOnly: Bool) -> String {
        "SELECT \(APIKey.columns) FROM api_keys" + (activeOnly ? " WHERE revoked_at IS NULL" : "") + " ORDER BY rowid"
    }

    /// The keys of account `?1` in creation order; `activeOnly` leaves out revoked ones.
    static func keys(activeOnly: Bool) -> String {
        "SELECT \(APIKey.columns) FROM api_keys WHERE account_id = ?" + (activeOnly ? " AND revoked_at IS NULL" : "") + " ORDER BY rowid"
    }
}
