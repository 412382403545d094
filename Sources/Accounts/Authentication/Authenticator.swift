import Foundation
import Storage

/// Resolves a bearer token (session token or API key) to a `Principal`.
///
/// Costs no scrypt. Malformed tokens (wrong shape or API-key checksum) are refused without
/// touching the database; a token seen within the last `authenticationCacheTTL` (≤ 1 s) is
/// answered from memory. Revocations and suspensions made in this process evict the cache at
/// once; those made by another process (the admin CLI) are seen when the entry expires.
public struct Authenticator: Sendable {
    let database: Database
    let cache: CredentialCache
    let configuration: AccountsConfiguration
    private let lastUsed = LastUsedTracker()
    /// Runs `last_used_at` writes off the request's thread: a write may wait up to the busy
    /// timeout for another process's lock, and authentication must never wait for bookkeeping.
    private let usageWriter = DispatchQueue(label: "stylify.accounts.last-used")

    init(database: Database, cache: CredentialCache, configuration: AccountsConfiguration) {
        self.database = database
        self.cache = cache
        self.configuration = configuration
    }

    /// The principal behind `token` (the part after `Bearer `).
    ///
    /// - Throws: `AccountsError.malformedToken` (401) for anything that is not a well-formed
    ///   `sess_…` or `sk_live_…` token, `.invalidToken` (401) for unknown, expired or revoked ones,
    ///   `.accountSuspended` (403), `.storage` (500/503).
    public func authenticate(bearer token: String) throws -> Principal {
        let isAPIKey: Bool
        if APIKeySecret.isWellFormed(token) {
            isAPIKey = true
        } else if SessionToken.isWellFormed(token) {
            isAPIKey = false
        } else {
            throw AccountsError.malformedToken
        }
        let hash = Digest.sha256(token)
        let now = configuration.clock.now
        if let principal = cache.value(for: hash, now: now) {
            if let key = principal.apiKeyID { touch(key, now: now) }
            return principal
        }
        let generation = cache.currentGeneration
        let (principal, credentialExpiry) = try AccountsError.wrapping {
            try database.read { connection in
                isAPIKey ? try resolveKey(hash, connection) : try resolveSession(hash, now: now, connection)
            }
        }
        let validUntil = min(now.addingTimeInterval(configuration.authenticationCacheTTL), credentialExpiry)
        cache.store(principal, for: hash, validUntil: validUntil, ifGeneration: generation, now: now)
        if let key = principal.apiKeyID { touch(key, now: now) }
        return principal
    }

    /// How many authentications were answered from memory and how many read the database.
    public var cacheStatistics: (hits: Int, misses: Int) { cache.statistics }

    private func resolveKey(_ hash: [UInt8], _ connection: Connection) throws -> (Principal, Date) {
        guard let row = try connection.queryOne("""
            SELECT k.id, k.account_id, k.scopes, k.last_used_at, a.plan, a.status
            FROM api_keys k JOIN accounts a ON a.id = k.account_id
            WHERE k.secret_hash = ? AND k.revoked_at IS NULL
            """, hash)
        else { throw AccountsError.invalidToken }
        guard try row.string("status") == AccountStatus.active.rawValue else { throw AccountsError.accountSuspended }
        let id = APIKeyID(trusted: try row.string("id"))
        lastUsed.remember(id, lastUsed: try row.optionalDate("last_used_at"))
        let principal = Principal(
            kind: .apiKey,
            accountID: AccountID(trusted: try row.string("account_id")),
            userID: nil,
            apiKeyID: id,
            plan: try row.string("plan"),
            scopes: try row.string("scopes").split(separator: " ").map(String.init)
        )
        return (principal, .distantFuture)
    }

    private func resolveSession(_ hash: [UInt8], now: Date, _ connection: Connection) throws -> (Principal, Date) {
        guard let row = try connection.queryOne("""
            SELECT s.user_id, s.account_id, s.expires_at, a.plan, a.status
            FROM sessions s JOIN accounts a ON a.id = s.account_id
            WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?
            """, hash, now)
        else { throw AccountsError.invalidToken }
        guard try row.string("status") == AccountStatus.active.rawValue else { throw AccountsError.accountSuspended }
        let principal = Principal(
            kind: .session,
            accountID: AccountID(trusted: try row.string("account_id")),
            userID: UserID(trusted: try row.string("user_id")),
            apiKeyID: nil,
            plan: try row.string("plan"),
            scopes: []
        )
        return (principal, try row.date("expires_at"))
    }

    /// Blocks until the `last_used_at` writes already scheduled are done (for tests and shutdown).
    public func waitForPendingUsageWrites() {
        usageWriter.sync {}
    }

    /// Schedules a `last_used_at` write at most once per interval per key, in the background. A
    /// failure there (a busy database) must not fail any request, so it is dropped; the next
    /// interval retries.
    private func touch(_ id: APIKeyID, now: Date) {
        guard lastUsed.claimWrite(id, now: now, interval: configuration.lastUsedWriteInterval) else { return }
        let database = database
        usageWriter.async {
            _ = try? database.write { connection in
                try connection.run("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND revoked_at IS NULL", now, id.rawValue)
            }
        }
    }
}
