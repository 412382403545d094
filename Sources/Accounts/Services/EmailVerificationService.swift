import Foundation
import Mail
import Storage

/// E-mail verification: a single-use link mailed at sign-up and on request, and its redemption.
/// Quotas lets a free account whose users have not verified render only a few frames.
public struct EmailVerificationService: Sendable {
    let database: any SQLDatabase
    let requestThrottle: any LoginThrottling
    let tokenThrottle: any LoginThrottling
    let outbox: MailOutbox
    let configuration: AccountsConfiguration

    /// Writes the verification mail of a new user inside the caller's transaction (sign-up).
    func issue(to user: UserID, email: String, now: Date, in connection: any SQLConnection) throws {
        let token = try AccountTokenPurpose.emailVerification.generate()
        let lifetime = configuration.verificationLifetime
        try AccountTokenRecords.insert(
            hash: Digest.sha256(token), purpose: .emailVerification, user: user, email: email, now: now,
            expiresAt: PasswordService.expiry(now, lifetime), connection)
        try outbox.enqueue(
            AccountMail.verification(to: email, token: token, base: configuration.publicURL(), lifetime: lifetime),
            now: now, in: connection)
    }

    /// Mails a new verification link to `user` (for an API key, nil: the account's owner).
    /// Earlier links keep working until they expire.
    ///
    /// - Returns: the address it was sent to.
    /// - Throws: `AccountsError.alreadyVerified` (409), `.tooManyRequests` (429), `.notFound`, `.storage`.
    @discardableResult
    public func resend(account: AccountID, user: UserID?, clientAddress: String? = nil) throws -> String {
        let now = configuration.clock.now
        let (userID, found) = try AccountsError.wrapping {
            try database.readTransaction { connection -> (UserID, (email: String, passwordHash: String, verifiedAt: Date?, status: String)?) in
                guard let id = try user ?? AccountRecords.owner(of: account, connection) else {
                    throw AccountsError.notFound(resource: "user")
                }
                return (id, try AccountRecords.credentials(user: id, connection))
            }
        }
        guard let found else { throw AccountsError.notFound(resource: "user") }
        guard found.verifiedAt == nil else { throw AccountsError.alreadyVerified }
        try requestThrottle.check(email: found.email, address: clientAddress, now: now)
        try requestThrottle.recordFailure(email: found.email, address: clientAddress, now: now)
        try AccountsError.wrapping {
            try database.writeTransaction { try issue(to: userID, email: found.email, now: now, in: $0) }
        }
        outbox.notify()
        return found.email
    }

    /// Verifies the address a token was mailed to. The token is used up.
    ///
    /// - Throws: `.tooManyRequests` (429), `.tokenMalformed`, `.tokenInvalid` (422),
    ///   `.tokenExpired` (410), `.tokenUsed` (409), `.storage`.
    public func verify(token: String, clientAddress: String? = nil) throws {
        let now = configuration.clock.now
        let key = clientAddress ?? "unknown"
        try tokenThrottle.check(email: key, address: nil, now: now)
        let purpose = AccountTokenPurpose.emailVerification
        do {
            guard purpose.isWellFormed(token) else { throw AccountsError.tokenMalformed(expectedPrefix: purpose.prefix) }
            let hash = Digest.sha256(token)
            try AccountsError.wrapping {
                try database.writeTransaction { connection in
                    let stored = try AccountTokenRecords.find(hash: hash, purpose: purpose, connection)
                    try PasswordService.requireUsable(stored, now: now)
                    guard let stored, try AccountTokenRecords.consume(hash: hash, now: now, connection) else {
                        throw AccountsError.tokenUsed
                    }
                    try AccountRecords.markVerified(stored.user, email: stored.email, now: now, connection)
                }
            }
        } catch let error as AccountsError {
            if case .storage = error {} else { try tokenThrottle.recordFailure(email: key, address: nil, now: now) }
            throw error
        }
    }
}
