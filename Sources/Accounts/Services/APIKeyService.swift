import Foundation
import Storage

/// A tenant's API keys. Every operation is scoped by account: another tenant's key is answered
/// with `notFound`, exactly like a key that does not exist. Revoked keys count as gone.
public struct APIKeyService: Sendable {
    /// Longest accepted key name, in characters.
    public static let maximumNameLength = 100
    /// Most scopes on one key.
    public static let maximumScopes = 20

    let database: any SQLDatabase
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
            try database.writeTransaction { connection -> APIKey in
                // Count, then insert: the account's row is locked first, so keys created at once
                // (threads, processes, PostgreSQL at READ COMMITTED) never pass the limit together.
                try AccountLock.acquire(accountID.rawValue, in: connection)
                guard try APIKeyRecords.activeCount(of: accountID, connection) < limit else {
                    throw AccountsError.apiKeyLimitReached(limit: limit)
                }
                try APIKeyRecords.insert(
                    APIKeyRecords.NewKey(
                        id: id, account: accountID, createdBy: createdBy, name: name,
                        displayPrefix: APIKeySecret.displayPrefix(of: secret), secretHash: Digest.sha256(secret), scopes: scopes),
                    now: now, connection)
                guard let key = try APIKeyRecords.find(id, connection) else { throw AccountsError.notFound(resource: "api_key") }
                return key
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
            try database.readTransaction { connection in
                let keys = try APIKeyRecords.activePage(of: accountID, after: startingAfter, limit: limit + 1, connection)
                return Page(items: Array(keys.prefix(limit)), hasMore: keys.count > limit)
            }
        }
    }

    /// One active key of the account.
    ///
    /// - Throws: `AccountsError.notFound` (404) when missing, revoked or another tenant's.
    public func get(_ id: APIKeyID, in accountID: AccountID) throws -> APIKey {
        let key = try AccountsError.wrapping { try database.readTransaction { try APIKeyRecords.active(id, in: accountID, $0) } }
        guard let key else { throw AccountsError.notFound(resource: "api_key") }
        return key
    }

    /// Revokes a key of the account; the very next request with it is refused.
    ///
    /// - Throws: `AccountsError.notFound` (404) when missing, already revoked or another tenant's.
    public func revoke(_ id: APIKeyID, in accountID: AccountID) throws {
        let now = configuration.clock.now
        let changed = try AccountsError.wrapping {
            try database.writeTransaction { try APIKeyRecords.revoke(id, in: accountID, now: now, $0) }
        }
        guard changed else { throw AccountsError.notFound(resource: "api_key") }
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
