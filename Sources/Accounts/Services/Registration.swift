import Foundation
import Storage

/// Sign-up: creates an account, its owner user, a first session and the verification mail in
/// one transaction.
public struct Registration: Sendable {
    /// Password length bounds, in characters.
    public static let passwordLength = 8...128
    /// Longest accepted name, in characters.
    public static let maximumNameLength = 100

    let database: any SQLDatabase
    let hasher: PasswordHasher
    let verification: EmailVerificationService
    let configuration: AccountsConfiguration

    /// Signs up a new account.
    ///
    /// - Throws: `AccountsError.invalidEmail`, `.invalidPassword`, `.invalidName` (422),
    ///   `.emailTaken` (409), `.storage` (500/503).
    public func signUp(email rawEmail: String, password: String, name rawName: String? = nil) throws -> SignUpResult {
        let email = EmailAddress.normalise(rawEmail)
        guard EmailAddress.isPlausible(email) else { throw AccountsError.invalidEmail }
        guard Self.passwordLength.contains(password.count) else {
            throw AccountsError.invalidPassword(minimum: Self.passwordLength.lowerBound, maximum: Self.passwordLength.upperBound)
        }
        var name: String?
        if let rawName, !rawName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard let cleaned = TextField.clean(rawName, maximum: Self.maximumNameLength) else {
                throw AccountsError.invalidName(maximum: Self.maximumNameLength)
            }
            name = cleaned
        }
        // Cheap refusal before the expensive hash; the transaction below re-checks authoritatively.
        if try AccountsError.wrapping({ try database.readTransaction { try AccountRecords.isEmailTaken(email, $0) } }) {
            throw AccountsError.emailTaken
        }
        let passwordHash = try hasher.hash(password)
        let accountID = try AccountID.generate()
        let userID = try UserID.generate()
        let now = configuration.clock.now

        do {
            let result = try database.writeTransaction { connection in
                if try AccountRecords.isEmailTaken(email, connection) {
                    throw AccountsError.emailTaken
                }
                try AccountRecords.insertAccount(accountID, name: name, now: now, connection)
                try AccountRecords.insertOwner(userID, account: accountID, email: email, name: name, passwordHash: passwordHash,
                                               now: now, connection)
                // The verification mail is written with the user, so neither exists without the other.
                try verification.issue(to: userID, email: email, now: now, in: connection)
                let session = try SessionRecords.issue(in: connection, userID: userID, accountID: accountID, now: now, lifetime: configuration.sessionLifetime)
                guard let account = try AccountRecords.account(accountID, connection), let user = try AccountRecords.user(userID, connection) else {
                    throw AccountsError.notFound(resource: "account")  // not reachable: just inserted
                }
                return SignUpResult(account: account, user: user, session: session)
            }
            verification.outbox.notify()
            return result
        } catch StorageError.constraintViolation {
            // The UNIQUE index on users.email is the last line of defence against a racing sign-up.
            throw AccountsError.emailTaken
        } catch let error as StorageError {
            throw AccountsError.storage(error)
        }
    }
}
