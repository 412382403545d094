import Storage

/// The statements of the Accounts module that differ between SQLite and PostgreSQL, in one place:
/// everything else in `AccountRecords`, `SessionRecords` and `APIKeyRecords` is portable SQL.
///
/// All of them page or order by insertion order: ids are random and `created_at` is whole
/// seconds, so neither keeps the order rows were made in. SQLite has the implicit `rowid` for
/// that; PostgreSQL has no rowid, and its schema gives `accounts`, `users` and `api_keys` an
/// explicit identity column `seq` instead (`Schema/postgresql/0001_accounts.sql`).
enum AccountsDialect {
    /// The column that orders rows of `accounts`, `users` and `api_keys` by insertion.
    static func sequence(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "rowid"
        case .postgresql: "seq"
        }
    }

    /// The account's active keys after the key `?2` (if it is the account's; none at all for a
    /// foreign or revoked cursor), oldest first, at most `?3`. ?1 account.
    static func activeKeysAfter(_ dialect: SQLDialect) -> String {
        let seq = sequence(dialect)
        return """
            SELECT \(APIKey.columns) FROM api_keys
            WHERE account_id = ?1 AND revoked_at IS NULL
              AND \(seq) > coalesce((SELECT \(seq) FROM api_keys WHERE id = ?2 AND account_id = ?1), 9223372036854775807)
            ORDER BY \(seq) LIMIT ?3
            """
    }

    /// The account's first active keys, at most `?2`. ?1 account.
    static func activeKeysFirst(_ dialect: SQLDialect) -> String {
        """
        SELECT \(APIKey.columns) FROM api_keys
        WHERE account_id = ?1 AND revoked_at IS NULL
        ORDER BY \(sequence(dialect)) LIMIT ?2
        """
    }

    /// Accounts with their owner's email and active key count, oldest first.
    private static let summaries = """
        SELECT a.id, a.name, a.plan, a.status, a.created_at, a.updated_at,
               (SELECT email FROM users u WHERE u.account_id = a.id AND u.role = 'owner' ORDER BY u.created_at LIMIT 1) AS owner_email,
               (SELECT count(*) FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at IS NULL) AS active_keys
        FROM accounts a
        """

    /// After the account `?1` (none at all for an unknown cursor), at most `?2`.
    static func accountSummariesAfter(_ dialect: SQLDialect) -> String {
        let seq = sequence(dialect)
        return summaries + """

            WHERE a.\(seq) > coalesce((SELECT \(seq) FROM accounts WHERE id = ?1), 9223372036854775807)
            ORDER BY a.\(seq) LIMIT ?2
            """
    }

    /// The first ones, at most `?1`.
    static func accountSummariesFirst(_ dialect: SQLDialect) -> String {
        summaries + "\nORDER BY a.\(sequence(dialect)) LIMIT ?1"
    }

    /// The users of account `?1` in creation order.
    static func usersOfAccount(_ dialect: SQLDialect) -> String {
        "SELECT \(User.columns) FROM users WHERE account_id = ? ORDER BY \(sequence(dialect))"
    }

    /// The keys of account `?1` (revoked ones too) in creation order.
    static func keysOfAccount(_ dialect: SQLDialect) -> String {
        "SELECT \(APIKey.columns) FROM api_keys WHERE account_id = ? ORDER BY \(sequence(dialect))"
    }

    /// Every key of every account in creation order; `activeOnly` leaves out revoked ones.
    static func allKeys(activeOnly: Bool, _ dialect: SQLDialect) -> String {
        "SELECT \(APIKey.columns) FROM api_keys" + (activeOnly ? " WHERE revoked_at IS NULL" : "") + " ORDER BY \(sequence(dialect))"
    }

    /// The keys of account `?1` in creation order; `activeOnly` leaves out revoked ones.
    static func keys(activeOnly: Bool, _ dialect: SQLDialect) -> String {
        "SELECT \(APIKey.columns) FROM api_keys WHERE account_id = ?" + (activeOnly ? " AND revoked_at IS NULL" : "") + " ORDER BY \(sequence(dialect))"
    }
}
