import Foundation
import Storage

/// Creating session rows, shared by sign-up (inside its transaction) and login.
enum SessionRecords {
    static func issue(in connection: Connection, userID: UserID, accountID: AccountID, now: Date, lifetime: TimeInterval) throws -> IssuedSession {
        let token = try SessionToken.generate()
        // Whole seconds, as stored, so the returned expiry equals what the database enforces.
        let expiresAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + lifetime).rounded(.down))
        try connection.run(
            "INSERT INTO sessions (token_hash, user_id, account_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            Digest.sha256(token), userID.rawValue, accountID.rawValue, now, expiresAt
        )
        return IssuedSession(token: token, userID: userID, accountID: accountID, expiresAt: expiresAt)
    }
}
