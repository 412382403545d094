import Foundation
import Storage

/// Resolves a bearer token (session token or API key) to a `Principal`.
///
/// Costs no scrypt. Malformed tokens (wrong shape or API-key checksum) are refused without
/// touching the database; a token seen within the last `authenticationCacheTTL` (≤ 1 s) is
/// answered from memory. Revocations and suspensions made in this process evict the cache at
/// once; those made by another process (the admin CLI) are seen when the entry expires.
public struct Authenticator: Sendable {
    let database: any SQLDatabase
    let cache: CredentialCache
    let configuration: AccountsConfiguration
    private let lastUsed = LastUsedTracker()
    /// Runs `last_used_at` writes off the request's thread: a write may wait up to the busy
    /// timeout for another process's lock, and authentication must never wait for bookkeeping.
    private let usageWriter = DispatchQueue(label: "stylify.accounts.last-used")

    init(database: any SQLDatabase, cache: CredentialCache, configuration: AccountsConfiguration) {
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
            try database.readTransaction { connection in
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

    private func resolveKey(_ hash: [UInt8], _ connection: any SQLConnection) throws -> (Principal, Date) {
        guard let key = try APIKeyRecords.credential(secretHash: hash, connection) else { throw AccountsError.invalidToken }
        guard key.status == AccountStatus.active.rawValue else { throw AccountsError.accountSuspended }
        lastUsed.remember(key.id, lastUsed: key.lastUsedAt)
        let principal = Principal(
            kind: .apiKey,
            accountID: key.account,
            userID: nil,
            apiKeyID: key.id,
            plan: key.plan,
            scopes: key.scopes
        )
        return (principal, .distantFuture)
    }

    private func resolveSession(_ hash: [UInt8], now: Date, _ connection: any SQLConnection) throws -> (Principal, Date) {
        guard let session = try SessionRecords.live(tokenHash: hash, now: now, connection) else { throw AccountsError.invalidToken }
        guard session.status == AccountStatus.active.rawValue else { throw AccountsError.accountSuspended }
        let principal = Principal(
            kind: .session,
            accountID: session.account,
            userID: session.user,
            apiKeyID: nil,
            plan: session.plan,
            scopes: []
        )
        return (principal, session.expiresAt)
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
            _ = try? database.writeTransaction { try APIKeyRecords.touch(id, now: now, $0) }
        }
    }
}
