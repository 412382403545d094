import Foundation
import Storage

/// Reads of the caller's own account and user, e.g. for `GET /v1/me`.
public struct AccountDirectory: Sendable {
    let database: any SQLDatabase
    let cache: AccountCache
    let configuration: AccountsConfiguration

    /// The account, answered from memory when it was read within the authentication cache TTL
    /// (≤ 1 s): as fresh as the principal that authorised the request.
    ///
    /// - Throws: `AccountsError.notFound` (404).
    public func account(_ id: AccountID) throws -> Account {
        let now = configuration.clock.now
        if let account = cache.value(for: id, now: now) { return account }
        let generation = cache.currentGeneration
        let found = try AccountsError.wrapping { try database.readTransaction { try AccountRecords.account(id, $0) } }
        guard let account = found else { throw AccountsError.notFound(resource: "account") }
        cache.store(account, for: id, validUntil: now.addingTimeInterval(configuration.authenticationCacheTTL), ifGeneration: generation, now: now)
        return account
    }

    /// A user of the given account; another account's user is `notFound` (404).
    public func user(_ id: UserID, in accountID: AccountID) throws -> User {
        let user = try AccountsError.wrapping { try database.readTransaction { try AccountRecords.user(id, in: accountID, $0) } }
        guard let user else { throw AccountsError.notFound(resource: "user") }
        return user
    }
}
