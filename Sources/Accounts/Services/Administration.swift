import Common
import Foundation
import Storage

/// Operator actions across all tenants, for `stylify admin`. Not scoped by account, so it must
/// never be reachable from a tenant's request.
public struct Administration: Sendable {
    let database: Database
    let cache: CredentialCache
    let accountCache: AccountCache
    let clock: any Clock

    /// Accounts, oldest first.
    public func listAccounts(limit: Int = 100, startingAfter: AccountID? = nil) throws -> Page<AccountSummary> {
        let limit = min(max(limit, 1), 1000)
        return try AccountsError.wrapping {
            try database.read { connection in
                let rows = try connection.query("""
                    SELECT a.id, a.name, a.plan, a.status, a.created_at, a.updated_at,
                           (SELECT email FROM users u WHERE u.account_id = a.id AND u.role = 'owner' ORDER BY u.created_at LIMIT 1) AS owner_email,
                           (SELECT count(*) FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at IS NULL) AS active_keys
                    FROM accounts a
                    WHERE a.rowid > coalesce((SELECT rowid FROM accounts WHERE id = ?1),
                                             CASE WHEN ?1 IS NULL THEN 0 ELSE 9223372036854775807 END)
                    ORDER BY a.rowid LIMIT ?2
                    """, startingAfter?.rawValue, limit + 1)
                let summaries = try rows.prefix(limit).map { row in
                    AccountSummary(account: try Account(row: row), ownerEmail: try row.optionalString("owner_email"), activeAPIKeys: try row.int("active_keys"))
                }
                return Page(items: summaries, hasMore: rows.count > limit)
            }
        }
    }

    /// - Throws: `AccountsError.notFound` for an unknown account.
    public func details(of id: AccountID) throws -> AccountDetails {
        try AccountsError.wrapping {
            try database.read { connection in
                guard let row = try connection.queryOne("SELECT \(Account.columns) FROM accounts WHERE id = ?", id.rawValue) else {
                    throw AccountsError.notFound(resource: "account")
                }
                let users = try connection.query("SELECT \(User.columns) FROM users WHERE account_id = ? ORDER BY rowid", id.rawValue)
                let keys = try connection.query("SELECT \(APIKey.columns) FROM api_keys WHERE account_id = ? ORDER BY rowid", id.rawValue)
                return AccountDetails(account: try Account(row: row), users: try users.map(User.init(row:)), apiKeys: try keys.map(APIKey.init(row:)))
            }
        }
    }

    /// Suspends or resumes an account. Its sessions and keys are refused (or accepted again) on
    /// the next request in this process and within the cache TTL in running servers.
    ///
    /// - Throws: `AccountsError.notFound` for an unknown account.
    @discardableResult
    public func setStatus(_ status: AccountStatus, of id: AccountID) throws -> Account {
        let now = clock.now
        let account = try AccountsError.wrapping {
            try database.write { connection -> Account in
                guard try connection.run("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?", status.rawValue, now, id.rawValue) > 0 else {
                    throw AccountsError.notFound(resource: "account")
                }
                return try Account(row: connection.queryOne("SELECT \(Account.columns) FROM accounts WHERE id = ?", id.rawValue)!)
            }
        }
        cache.evict(account: id)
        accountCache.evict(id)
        return account
    }

    /// API keys of one account or of all, oldest first.
    public func listAPIKeys(of accountID: AccountID? = nil, includeRevoked: Bool = false) throws -> [APIKey] {
        try AccountsError.wrapping {
            try database.read { connection in
                try connection.query("""
                    SELECT \(APIKey.columns) FROM api_keys
                    WHERE (?1 IS NULL OR account_id = ?1) AND (?2 OR revoked_at IS NULL)
                    ORDER BY rowid
                    """, accountID?.rawValue, includeRevoked).map(APIKey.init(row:))
            }
        }
    }

    /// Revokes any key by id.
    ///
    /// - Throws: `AccountsError.notFound` when no such key exists or it is already revoked.
    @discardableResult
    public func revokeAPIKey(_ id: APIKeyID) throws -> APIKey {
        let now = clock.now
        let key = try AccountsError.wrapping {
            try database.write { connection -> APIKey in
                guard try connection.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id.rawValue) > 0 else {
                    throw AccountsError.notFound(resource: "api_key")
                }
                return try APIKey(row: connection.queryOne("SELECT \(APIKey.columns) FROM api_keys WHERE id = ?", id.rawValue)!)
            }
        }
        cache.evict(apiKey: id)
        return key
    }
}
