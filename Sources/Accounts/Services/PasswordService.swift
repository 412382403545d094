import Foundation
import Mail
import Storage

/// Password change for a signed-in user and password reset by a mailed, single-use token.
///
/// A change needs the current password and signs out the user's other sessions; a reset signs
/// out all of them. API keys are kept in both cases: they belong to the account, not to a login,
/// and integrations must not break because a person changed a password.
public struct PasswordService: Sendable {
    let database: any SQLDatabase
    let hasher: PasswordHasher
    /// Wrong current passwords count as failed logins of the address: the same guessing surface.
    let loginThrottle: any LoginThrottling
    let requestThrottle: any LoginThrottling
    let tokenThrottle: any LoginThrottling
    let cache: CredentialCache
    let outbox: MailOutbox
    let configuration: AccountsConfiguration

    /// Changes the password of `user` (for an API key, nil: the account's owner).
    ///
    /// - Parameter currentSession: the session token that asked, which stays signed in.
    /// - Throws: `AccountsError.invalidPassword` (422) for a new password outside the bounds,
    ///   `.tooManyAttempts` (429), `.incorrectPassword` (403), `.notFound`, `.storage`.
    public func change(account: AccountID, user: UserID?, currentPassword: String, newPassword: String,
                       currentSession: String? = nil, clientAddress: String? = nil) throws {
        try Self.requireBounds(newPassword)
        let (userID, found) = try AccountsError.wrapping {
            try database.readTransaction { connection -> (UserID, (email: String, passwordHash: String, verifiedAt: Date?, status: String)?) in
                guard let id = try user ?? AccountRecords.owner(of: account, connection) else {
                    throw AccountsError.notFound(resource: "user")
                }
                return (id, try AccountRecords.credentials(user: id, connection))
            }
        }
        guard let found else { throw AccountsError.notFound(resource: "user") }
        try loginThrottle.check(email: found.email, address: clientAddress, now: configuration.clock.now)
        guard Registration.passwordLength.contains(currentPassword.count),
              try hasher.verify(currentPassword, against: found.passwordHash) else {
            try loginThrottle.recordFailure(email: found.email, address: clientAddress, now: configuration.clock.now)
            throw AccountsError.incorrectPassword
        }
        let hash = try hasher.hash(newPassword)
        let now = configuration.clock.now
        let keeping = currentSession.flatMap { SessionToken.isWellFormed($0) ? Digest.sha256($0) : nil }
        try AccountsError.wrapping {
            try database.writeTransaction { connection in
                try AccountRecords.setPasswordHash(hash, of: userID, connection)
                try AccountRecords.revokeSessions(of: userID, keeping: keeping, now: now, connection)
                // A reset link mailed before the change must not undo it.
                try AccountTokenRecords.retire(user: userID, purpose: .passwordReset, now: now, connection)
            }
        }
        cache.evict(where: { $0.userID == userID })
    }

    /// Mails a reset link to `email` if a user has that address and its account is active.
    ///
    /// Answers the same for every plausible address, known or not: nothing here tells whether an
    /// address has an account. Every request counts against the address's and the client's limit.
    ///
    /// - Throws: `AccountsError.invalidEmail` (422) for what is not an address at all,
    ///   `.tooManyRequests` (429), `.storage`.
    public func requestReset(email rawEmail: String, clientAddress: String? = nil) throws {
        let email = EmailAddress.normalise(rawEmail)
        guard EmailAddress.isPlausible(email) else { throw AccountsError.invalidEmail }
        let now = configuration.clock.now
        try requestThrottle.check(email: email, address: clientAddress, now: now)
        try requestThrottle.recordFailure(email: email, address: clientAddress, now: now)
        let token = try AccountTokenPurpose.passwordReset.generate()
        let lifetime = configuration.passwordResetLifetime
        // One write transaction whether or not the address is known, so both take about as long.
        let mailed = try AccountsError.wrapping {
            try database.writeTransaction { connection -> Bool in
                guard let recipient = try AccountRecords.recipient(email: email, connection),
                      recipient.status == AccountStatus.active.rawValue else { return false }
                try AccountTokenRecords.retire(user: recipient.user, purpose: .passwordReset, now: now, connection)
                try AccountTokenRecords.insert(
                    hash: Digest.sha256(token), purpose: .passwordReset, user: recipient.user, email: email, now: now,
                    expiresAt: Self.expiry(now, lifetime), connection)
                try outbox.enqueue(
                    AccountMail.passwordReset(to: email, token: token, base: configuration.publicURL(), lifetime: lifetime),
                    now: now, in: connection)
                return true
            }
        }
        if mailed { outbox.notify() }
    }

    /// Sets a new password with a reset token: the token is used up, every session of the user
    /// is signed out, and the address counts as verified (the mail reached it).
    ///
    /// - Throws: `.tooManyRequests` (429), `.tokenMalformed`, `.tokenInvalid`, `.invalidPassword`
    ///   (422), `.tokenExpired` (410), `.tokenUsed` (409), `.storage`.
    public func reset(token: String, newPassword: String, clientAddress: String? = nil) throws {
        let now = configuration.clock.now
        let key = clientAddress ?? "unknown"
        try tokenThrottle.check(email: key, address: nil, now: now)
        let purpose = AccountTokenPurpose.passwordReset
        guard purpose.isWellFormed(token) else {
            try tokenThrottle.recordFailure(email: key, address: nil, now: now)
            throw AccountsError.tokenMalformed(expectedPrefix: purpose.prefix)
        }
        try Self.requireBounds(newPassword)
        let hash = Digest.sha256(token)
        let stored = try AccountsError.wrapping { try database.readTransaction { try AccountTokenRecords.find(hash: hash, purpose: purpose, $0) } }
        do {
            try Self.requireUsable(stored, now: now)
        } catch {
            try tokenThrottle.recordFailure(email: key, address: nil, now: now)
            throw error
        }
        let passwordHash = try hasher.hash(newPassword)
        let user = try AccountsError.wrapping {
            try database.writeTransaction { connection -> UserID in
                guard let stored = try AccountTokenRecords.find(hash: hash, purpose: purpose, connection) else {
                    throw AccountsError.tokenInvalid
                }
                try Self.requireUsable(stored, now: now)
                guard try AccountTokenRecords.consume(hash: hash, now: now, connection) else { throw AccountsError.tokenUsed }
                try AccountRecords.setPasswordHash(passwordHash, of: stored.user, connection)
                try AccountRecords.markVerified(stored.user, email: stored.email, now: now, connection)
                try AccountRecords.revokeSessions(of: stored.user, keeping: nil, now: now, connection)
                try AccountTokenRecords.retire(user: stored.user, purpose: purpose, now: now, connection)
                return stored.user
            }
        }
        cache.evict(where: { $0.userID == user })
    }

    /// Refuses a token that is unknown, mailed to an address the user no longer has, used or expired.
    static func requireUsable(_ stored: AccountTokenRecords.Stored?, now: Date) throws {
        guard let stored, stored.email == stored.currentEmail else { throw AccountsError.tokenInvalid }
        guard stored.usedAt == nil else { throw AccountsError.tokenUsed }
        guard stored.expiresAt > now else { throw AccountsError.tokenExpired }
    }

    static func requireBounds(_ password: String) throws {
        guard Registration.passwordLength.contains(password.count) else {
            throw AccountsError.invalidPassword(
                minimum: Registration.passwordLength.lowerBound, maximum: Registration.passwordLength.upperBound)
        }
    }

    /// Whole seconds, as stored, so the expiry checked equals the one written.
    static func expiry(_ now: Date, _ lifetime: TimeInterval) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 + lifetime).rounded(.down))
    }
}
