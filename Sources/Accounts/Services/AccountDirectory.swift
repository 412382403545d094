import Foundation
import Storage

/// Reads of the caller's own account and user, e.g. for `GET /v1/me`.
public struct AccountDirectory: Sendable {
    let database: Database

    /// - Throws: `AccountsError.notFound` (404).
    public func account(_ id: AccountID) throws -> Account {
        let row = try AccountsError.wrapping {
            try database.read { try $0.queryOne("SELECT \(Account.columns) FROM accounts WHERE id = ?", id.rawValue) }
        }
        guard let row else { throw AccountsError.notFound(resource: "account") }
        return try AccountsError.wrapping { try Account(row: row) }
    }

    /// A user of the given account; another account's user is `notFound` (404).
    public func user(_ id: UserID, in accountID: AccountID) throws -> User {
        let row = try AccountsError.wrapping {
            try database.read {
                try $0.queryOne("SELECT \(User.columns) FROM users WHERE id = ? AND account_id = ?", id.rawValue, accountID.rawValue)
            }
        }
        guard let row else { throw AccountsError.notFound(resource: "user") }
        return try AccountsError.wrapping { try User(row: row) }
    }
}
