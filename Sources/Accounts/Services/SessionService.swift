import Foundation
import Storage

/// Login and logout with email and password.
public struct SessionService: Sendable {
    let database: any SQLDatabase
    let hasher: PasswordHasher
    let throttle: any LoginThrottling
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

        let found = try AccountsError.wrapping { try database.readTransaction { try AccountRecords.credentials(email: email, $0) } }
        let passwordMatches: Bool
        if let found, Registration.passwordLength.contains(password.count) {
            passwordMatches = try hasher.verify(password, against: found.passwordHash)
        } else {
            _ = try hasher.hash(password)
            passwordMatches = false
        }
        guard let found, passwordMatches else {
            try throttle.recordFailure(email: email, address: clientAddress, now: configuration.clock.now)
            throw AccountsError.invalidCredentials
        }
        try throttle.recordSuccess(email: email)

        let userID = found.user
        let accountID = found.account
        guard found.status == AccountStatus.active.rawValue else { throw AccountsError.accountSuspended }
        let upgradedHash = hasher.needsRehash(found.passwordHash) ? try hasher.hash(password) : nil

        return try AccountsError.wrapping {
            try database.writeTransaction { connection in
                if let upgradedHash {
                    try AccountRecords.setPasswordHash(upgradedHash, of: userID, connection)
                }
                let now = configuration.clock.now
                // Dead sessions are useless rows; each login sweeps the user's own, so the table
                // stays proportional to live sessions without a background job.
                try SessionRecords.removeDead(of: userID, now: now, connection)
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
            try database.writeTransaction { try SessionRecords.revoke(tokenHash: hash, now: now, $0) }
        }
        cache.evict(hash)
        guard changed else { throw AccountsError.invalidToken }
    }
}
