import Foundation
import Storage

/// Login and logout with email and password.
public struct SessionService: Sendable {
    let database: Database
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let cache: CredentialCache
    let configuration: AccountsConfiguration

    /// Verifies email and password and opens a session.
    ///
    /// An unknown email costs the same scrypt work and gets the same error as a wrong password, so
    /// neither the answer nor its timing tells whether an address has an account.
    ///
    /// - Parameter clientAddress: the caller's IP address, for per-address throttling (nil: email only).
    /// - Throws: `AccountsError.tooManyAttempts` (429), `.invalidCredentials` (401),
    ///   `.accountSuspended` (403, only after a correct password), `.storage` (500/503).
    public func login(email rawEmail: String, password: String, clientAddress: String? = nil) throws -> IssuedSession {
        let email = EmailAddress.normalise(rawEmail)
        try throttle.check(email: email, address: clientAddress, now: configuration.clock.now)

        let found = try AccountsError.wrapping {
            try database.read { connection in
                try connection.queryOne("""
                    SELECT u.id, u.account_id, u.password_hash, a.status
                    FROM users u JOIN accounts a ON a.id = u.account_id
                    WHERE u.email = ?
                    """, email)
            }
        }
        let passwordMatches: Bool
        if let found, Registration.passwordLength.contains(password.count) {
            passwordMatches = try hasher.verify(password, against: try found.string("password_hash"))
        } else {
            _ = try hasher.hash(password)
            passwordMatches = false
        }
        guard let found, passwordMatches else {
            throttle.recordFailure(email: email, address: clientAddress, now: configuration.clock.now)
            throw AccountsError.invalidCredentials
        }
        throttle.recordSuccess(email: email)

        let userID = UserID(trusted: try found.string("id"))
        let accountID = AccountID(trusted: try found.string("account_id"))
        guard try found.string("status") == AccountStatus.active.rawValue else { throw AccountsError.accountSuspended }
        let upgradedHash = hasher.needsRehash(try found.string("password_hash")) ? try hasher.hash(password) : nil

        return try AccountsError.wrapping {
            try database.write { connection in
                if let upgradedHash {
                    try connection.run("UPDATE users SET password_hash = ? WHERE id = ?", upgradedHash, userID.rawValue)
                }
                let now = configuration.clock.now
                // Dead sessions are useless rows; each login sweeps the user's own, so the table
                // stays proportional to live sessions without a background job.
                try connection.run(
                    "DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR revoked_at IS NOT NULL)",
                    userID.rawValue, now
                )
                return try SessionRecords.issue(in: connection, userID: userID, accountID: accountID, now: now, lifetime: configuration.sessionLifetime)
            }
        }
    }

    /// Revokes a session (logout). Takes effect on the next request in this process and within
    /// the cache TTL in others.
    ///
    /// - Throws: `AccountsError.malformedToken` or `.invalidToken` (401) when there is no live
    ///   session with this token.
    public func logout(sessionToken token: String) throws {
        guard SessionToken.isWellFormed(token) else { throw AccountsError.malformedToken }
        let hash = Digest.sha256(token)
        let now = configuration.clock.now
        let changed = try AccountsError.wrapping {
            try database.write { connection in
                try connection.run(
                    "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
                    now, hash, now
                )
            }
        }
        cache.evict(hash)
        guard changed > 0 else { throw AccountsError.invalidToken }
    }
}
