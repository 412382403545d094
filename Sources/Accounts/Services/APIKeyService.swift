import Foundation
import Storage

/// A tenant's API keys. Every operation is scoped by account: another tenant's key is answered
/// with `notFound`, exactly like a key that does not exist. Revoked keys count as gone.
public struct APIKeyService: Sendable {
    /// Longest accepted key name, in characters.
    public static let maximumNameLength = 100
    /// Most scopes on one key.
    public static let maximumScopes = 20

    let database: Database
    let cache: CredentialCache
    let configuration: AccountsConfiguration

    /// Creates a key and returns its secret, which is never shown again.
    ///
    /// - Parameters:
    ///   - scopes: names from `APIKeyScope.all`; empty means unrestricted.
    ///   - createdBy: the user who asked, recorded for the audit trail.
    ///   - creatorScopes: the scopes of the credential asking (empty for a session or an
    ///     unrestricted key). A restricted key may only create keys within its own scopes, so
    ///     `api_keys:write` never becomes a way to more access.
    /// - Throws: `AccountsError.invalidName`, `.invalidScope` (422), `.scopeNotHeld` (403),
    ///   `.apiKeyLimitReached` (409), `.storage` (500/503).
    public func create(
        in accountID: AccountID, name rawName: String, scopes rawScopes: [String] = [], createdBy: UserID? = nil,
        creatorScopes: [String] = []
    ) throws -> CreatedAPIKey {
        guard let name = TextField.clean(rawName, maximum: Self.maximumNameLength) else {
            throw AccountsError.invalidName(maximum: Self.maximumNameLength)
        }
        let scopes = try Self.validated(rawScopes)
        if let ungranted = APIKeyScope.firstUngranted(scopes, by: creatorScopes) {
            throw AccountsError.scopeNotHeld(ungranted)
        }
        let id = try APIKeyID.generate()
        let secret = try APIKeySecret.generate()
        let now = configuration.clock.now
        let limit = configuration.maximumActiveAPIKeys

        let key = try AccountsError.wrapping {
            try database.write { connection -> APIKey in
                let active = try connection.queryOne(
                    "SELECT count(*) AS n FROM api_keys WHERE account_id = ? AND revoked_at IS NULL", accountID.rawValue
                )?.int("n") ?? 0
                guard active < limit else { throw AccountsError.apiKeyLimitReached(limit: limit) }
                try connection.run("""
                    INSERT INTO api_keys (id, account_id, created_by_user_id, name, display_prefix, secret_hash, scopes, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    id.rawValue, accountID.rawValue, createdBy?.rawValue, name, APIKeySecret.displayPrefix(of: secret),
                    Digest.sha256(secret), scopes.joined(separator: " "), now
                )
                return try APIKey(row: connection.queryOne("SELECT \(APIKey.columns) FROM api_keys WHERE id = ?", id.rawValue)!)
            }
        }
        return CreatedAPIKey(key: key, secret: secret)
    }

    /// The account's active keys, oldest first.
    ///
    /// - Parameters:
    ///   - limit: 1...100 (clamped).
    ///   - startingAfter: the last id of the previous page; an id from elsewhere gives an empty page.
    public func list(in accountID: AccountID, limit: Int = 20, startingAfter: APIKeyID? = nil) throws -> Page<APIKey> {
        let limit = min(max(limit, 1), 100)
        return try AccountsError.wrapping {
            try database.read { connection in
                let rows = try connection.query("""
                    SELECT \(APIKey.columns) FROM api_keys
                    WHERE account_id = ?1 AND revoked_at IS NULL
                      AND rowid > coalesce((SELECT rowid FROM api_keys WHERE id = ?2 AND account_id = ?1),
                                           CASE WHEN ?2 IS NULL THEN 0 ELSE 9223372036854775807 END)
                    ORDER BY rowid LIMIT ?3
                    """, accountID.rawValue, startingAfter?.rawValue, limit + 1)
                let keys = try rows.prefix(limit).map(APIKey.init(row:))
                return Page(items: keys, hasMore: rows.count > limit)
            }
        }
    }

    /// One active key of the account.
    ///
    /// - Throws: `AccountsError.notFound` (404) when missing, revoked or another tenant's.
    public func get(_ id: APIKeyID, in accountID: AccountID) throws -> APIKey {
        let row = try AccountsError.wrapping {
            try database.read { connection in
                try connection.queryOne(
                    "SELECT \(APIKey.columns) FROM api_keys WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
                    id.rawValue, accountID.rawValue
                )
            }
        }
        guard let row else { throw AccountsError.notFound(resource: "api_key") }
        return try AccountsError.wrapping { try APIKey(row: row) }
    }

    /// Revokes a key of the account; the very next request with it is refused.
    ///
    /// - Throws: `AccountsError.notFound` (404) when missing, already revoked or another tenant's.
    public func revoke(_ id: APIKeyID, in accountID: AccountID) throws {
        let now = configuration.clock.now
        let changed = try AccountsError.wrapping {
            try database.write { connection in
                try connection.run(
                    "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
                    now, id.rawValue, accountID.rawValue
                )
            }
        }
        guard changed > 0 else { throw AccountsError.notFound(resource: "api_key") }
        cache.evict(apiKey: id)
    }

    static func validated(_ scopes: [String]) throws -> [String] {
        guard scopes.count <= maximumScopes else { throw AccountsError.invalidScope(scopes[maximumScopes]) }
        var seen = Set<String>()
        return try scopes.compactMap { scope in
            guard APIKeyScope.isKnown(scope) else { throw AccountsError.invalidScope(scope) }
            return seen.insert(scope).inserted ? scope : nil
        }
    }
}
