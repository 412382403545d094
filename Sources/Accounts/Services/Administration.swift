import Common
import Foundation
import Storage

/// Operator actions across all tenants, for `stylify admin`. Not scoped by account, so it must
/// never be reachable from a tenant's request.
public struct Administration: Sendable {
    let database: any SQLDatabase
    let cache: CredentialCache
    let accountCache: AccountCache
    let clock: any Clock

    /// Accounts, oldest first.
    public func listAccounts(limit: Int = 100, startingAfter: AccountID? = nil) throws -> Page<AccountSummary> {
        let limit = min(max(limit, 1), 1000)
        return try AccountsError.wrapping {
            try database.readTransaction { connection in
                let summaries = try AccountRecords.summaries(after: startingAfter, limit: limit + 1, connection)
                return Page(items: Array(summaries.prefix(limit)), hasMore: summaries.count > limit)
            }
        }
    }

    /// - Throws: `AccountsError.notFound` for an unknown account.
    public func details(of id: AccountID) throws -> AccountDetails {
        try AccountsError.wrapping {
            try database.readTransaction { connection in
                guard let account = try AccountRecords.account(id, connection) else {
                    throw AccountsError.notFound(resource: "account")
                }
                return AccountDetails(account: account, users: try AccountRecords.users(of: id, connection),
                                      apiKeys: try APIKeyRecords.all(of: id, connection))
            }
        }
    }

    /// Suspends or resumes an account. Its sessions and keys are refused (or accepted again) on
    /// the next request in this process and within the cache TTL in running servers.
    ///
    /// - Throws: `AccountsError.notFound` for an unknown account.
    @discardableResult
    public func setStatus(_ status: AccountStatus, of id: AccountID) throws -> Account {
        let now = clock.now
        let account = try AccountsError.wrapping {
            try database.writeTransaction { connection -> Account in
                guard try AccountRecords.setStatus(status, of: id, now: now, connection),
                      let account = try AccountRecords.account(id, connection) else {
                    throw AccountsError.notFound(resource: "account")
                }
                return account
            }
        }
        cache.evict(account: id)
        accountCache.evict(id)
        return account
    }

    /// API keys of one account or of all, oldest first.
    public func listAPIKeys(of accountID: AccountID? = nil, includeRevoked: Bool = false) throws -> [APIKey] {
        try AccountsError.wrapping {
            try database.readTransaction { try APIKeyRecords.list(of: accountID, includeRevoked: includeRevoked, $0) }
        }
    }

    /// Revokes any key by id.
    ///
    /// - Throws: `AccountsError.notFound` when no such key exists or it is already revoked.
    @discardableResult
    public func revokeAPIKey(_ id: APIKeyID) throws -> APIKey {
        let now = clock.now
        let key = try AccountsError.wrapping {
            try database.writeTransaction { connection -> APIKey in
                guard try APIKeyRecords.revoke(id, in: nil, now: now, connection), let key = try APIKeyRecords.find(id, connection) else {
                    throw AccountsError.notFound(resource: "api_key")
                }
                return key
            }
        }
        cache.evict(apiKey: id)
        return key
    }
}
