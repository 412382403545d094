import Foundation
import Storage

/// The SQL of the `api_keys` table. Portable except what `AccountsDialect` holds.
enum APIKeyRecords {
    /// The fields of a new key.
    struct NewKey {
        let id: APIKeyID
        let account: AccountID
        let createdBy: UserID?
        let name: String
        let displayPrefix: String
        let secretHash: [UInt8]
        let scopes: [String]
    }

    static func activeCount(of account: AccountID, _ connection: any SQLConnection) throws -> Int {
        try connection.queryOne(
            "SELECT count(*) AS n FROM api_keys WHERE account_id = ? AND revoked_at IS NULL", account.rawValue
        )?.int("n") ?? 0
    }

    static func insert(_ key: NewKey, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO api_keys (id, account_id, created_by_user_id, name, display_prefix, secret_hash, scopes, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            key.id.rawValue, key.account.rawValue, key.createdBy?.rawValue, key.name, key.displayPrefix, key.secretHash,
            key.scopes.joined(separator: " "), now)
    }

    /// Any key by id, revoked or not.
    static func find(_ id: APIKeyID, _ connection: any SQLConnection) throws -> APIKey? {
        try connection.queryOne("SELECT \(APIKey.columns) FROM api_keys WHERE id = ?", id.rawValue).map(APIKey.init(row:))
    }

    /// One active key of the account.
    static func active(_ id: APIKeyID, in account: AccountID, _ connection: any SQLConnection) throws -> APIKey? {
        try connection.queryOne(
            "SELECT \(APIKey.columns) FROM api_keys WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
            id.rawValue, account.rawValue
        ).map(APIKey.init(row:))
    }

    /// The account's active keys oldest first, after `after` (an empty page for a cursor that is
    /// not one of them), at most `limit`.
    static func activePage(of account: AccountID, after: APIKeyID?, limit: Int, _ connection: any SQLConnection) throws -> [APIKey] {
        let rows = try after.map {
            try connection.query(AccountsDialect.activeKeysAfter(connection.dialect), account.rawValue, $0.rawValue, limit)
        } ?? connection.query(AccountsDialect.activeKeysFirst(connection.dialect), account.rawValue, limit)
        return try rows.map(APIKey.init(row:))
    }

    /// Keys of one account or of all, oldest first.
    static func list(of account: AccountID?, includeRevoked: Bool, _ connection: any SQLConnection) throws -> [APIKey] {
        let rows = try account.map {
            try connection.query(AccountsDialect.keys(activeOnly: !includeRevoked, connection.dialect), $0.rawValue)
        } ?? connection.query(AccountsDialect.allKeys(activeOnly: !includeRevoked, connection.dialect))
        return try rows.map(APIKey.init(row:))
    }

    /// Every key of the account, revoked ones too, oldest first.
    static func all(of account: AccountID, _ connection: any SQLConnection) throws -> [APIKey] {
        try connection.query(AccountsDialect.keysOfAccount(connection.dialect), account.rawValue).map(APIKey.init(row:))
    }

    /// What authentication needs of the active key with this secret hash.
    static func credential(secretHash: [UInt8], _ connection: any SQLConnection) throws
        -> (id: APIKeyID, account: AccountID, scopes: [String], lastUsedAt: Date?, plan: String, status: String)? {
        try connection.queryOne("""
            SELECT k.id, k.account_id, k.scopes, k.last_used_at, a.plan, a.status
            FROM api_keys k JOIN accounts a ON a.id = k.account_id
            WHERE k.secret_hash = ? AND k.revoked_at IS NULL
            """, secretHash).map {
            (APIKeyID(trusted: try $0.string("id")), AccountID(trusted: try $0.string("account_id")),
             try $0.string("scopes").split(separator: " ").map(String.init), try $0.optionalDate("last_used_at"),
             try $0.string("plan"), try $0.string("status"))
        }
    }

    static func touch(_ id: APIKeyID, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND revoked_at IS NULL", now, id.rawValue)
    }

    /// Revokes an active key (of `account` when given); false when there is none.
    static func revoke(_ id: APIKeyID, in account: AccountID?, now: Date, _ connection: any SQLConnection) throws -> Bool {
        guard let account else {
            return try connection.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id.rawValue) > 0
        }
        return try connection.run(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
            now, id.rawValue, account.rawValue) > 0
    }
}
