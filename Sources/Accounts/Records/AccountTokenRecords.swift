import Foundation
import Storage

/// The SQL of the `account_tokens` table (`Schema/0013_account_recovery.sql`). Portable.
enum AccountTokenRecords {
    /// A token as stored.
    struct Stored {
        let user: UserID
        let account: AccountID
        let email: String
        let currentEmail: String
        let expiresAt: Date
        let usedAt: Date?
    }

    static func insert(hash: [UInt8], purpose: AccountTokenPurpose, user: UserID, email: String, now: Date, expiresAt: Date,
                       _ connection: any SQLConnection) throws {
        try connection.run(
            "INSERT INTO account_tokens (token_hash, purpose, user_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            hash, purpose.rawValue, user.rawValue, email, now, expiresAt)
    }

    /// The token with this hash and purpose, with its user's account and current address.
    static func find(hash: [UInt8], purpose: AccountTokenPurpose, _ connection: any SQLConnection) throws -> Stored? {
        try connection.queryOne("""
            SELECT t.user_id, u.account_id, t.email, u.email AS current_email, t.expires_at, t.used_at
            FROM account_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = ? AND t.purpose = ?
            """, hash, purpose.rawValue).map {
            Stored(user: UserID(trusted: try $0.string("user_id")), account: AccountID(trusted: try $0.string("account_id")),
                   email: try $0.string("email"), currentEmail: try $0.string("current_email"),
                   expiresAt: try $0.date("expires_at"), usedAt: try $0.optionalDate("used_at"))
        }
    }

    /// Marks the token used; false when it already was (a racing request used it first).
    static func consume(hash: [UInt8], now: Date, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", now, hash) > 0
    }

    /// Ends the user's unused tokens of `purpose` (a newer one replaces them, or the password changed).
    static func retire(user: UserID, purpose: AccountTokenPurpose, now: Date, _ connection: any SQLConnection) throws {
        try connection.run(
            "UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
            now, user.rawValue, purpose.rawValue)
    }

    /// Removes tokens that expired before `date` (used or not): they can only be refused now.
    static func purge(expiredBefore date: Date, _ connection: any SQLConnection) throws -> Int {
        try connection.run("DELETE FROM account_tokens WHERE expires_at < ?", date)
    }
}
