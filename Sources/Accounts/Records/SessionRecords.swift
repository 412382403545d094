import Foundation
import Storage

/// The SQL of the `sessions` table. Portable.
enum SessionRecords {
    /// Opens a session, inside sign-up's transaction or login's.
    static func issue(in connection: any SQLConnection, userID: UserID, accountID: AccountID, now: Date, lifetime: TimeInterval) throws -> IssuedSession {
        let token = try SessionToken.generate()
        // Whole seconds, as stored, so the returned expiry equals what the database enforces.
        let expiresAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + lifetime).rounded(.down))
        try connection.run(
            "INSERT INTO sessions (token_hash, user_id, account_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            Digest.sha256(token), userID.rawValue, accountID.rawValue, now, expiresAt
        )
        return IssuedSession(token: token, userID: userID, accountID: accountID, expiresAt: expiresAt)
    }

    /// The live session with this token hash: its user, account, expiry, and the account's plan and status.
    static func live(tokenHash: [UInt8], now: Date, _ connection: any SQLConnection) throws
        -> (user: UserID, account: AccountID, expiresAt: Date, plan: String, status: String)? {
        try connection.queryOne("""
            SELECT s.user_id, s.account_id, s.expires_at, a.plan, a.status
            FROM sessions s JOIN accounts a ON a.id = s.account_id
            WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?
            """, tokenHash, now).map {
            (UserID(trusted: try $0.string("user_id")), AccountID(trusted: try $0.string("account_id")),
             try $0.date("expires_at"), try $0.string("plan"), try $0.string("status"))
        }
    }

    /// Removes the user's expired and revoked sessions.
    static func removeDead(of user: UserID, now: Date, _ connection: any SQLConnection) throws {
        try connection.run(
            "DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR revoked_at IS NOT NULL)", user.rawValue, now)
    }

    /// Revokes the live session with this token hash; false when there is none.
    static func revoke(tokenHash: [UInt8], now: Date, _ connection: any SQLConnection) throws -> Bool {
        try connection.run(
            "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
            now, tokenHash, now) > 0
    }
}
