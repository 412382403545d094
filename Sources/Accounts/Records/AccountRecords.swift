import Foundation
import Storage

/// The SQL of the `accounts` and `users` tables, on a connection the caller holds. Portable
/// except what `AccountsDialect` holds.
enum AccountRecords {
    static func account(_ id: AccountID, _ connection: any SQLConnection) throws -> Account? {
        try connection.queryOne("SELECT \(Account.columns) FROM accounts WHERE id = ?", id.rawValue).map(Account.init(row:))
    }

    static func user(_ id: UserID, in account: AccountID, _ connection: any SQLConnection) throws -> User? {
        try connection.queryOne(
            "SELECT \(User.columns) FROM users WHERE id = ? AND account_id = ?", id.rawValue, account.rawValue
        ).map(User.init(row:))
    }

    static func user(_ id: UserID, _ connection: any SQLConnection) throws -> User? {
        try connection.queryOne("SELECT \(User.columns) FROM users WHERE id = ?", id.rawValue).map(User.init(row:))
    }

    static func isEmailTaken(_ email: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS taken FROM users WHERE email = ?", email) != nil
    }

    /// A new account on the free plan.
    static func insertAccount(_ id: AccountID, name: String?, now: Date, _ connection: any SQLConnection) throws {
        try connection.run(
            "INSERT INTO accounts (id, name, plan, status, created_at, updated_at) VALUES (?, ?, 'free', 'active', ?, ?)",
            id.rawValue, name, now, now)
    }

    /// The account's owner. The UNIQUE index on `users.email` refuses a taken email
    /// (`StorageError.constraintViolation`), also against a sign-up racing in another process.
    static func insertOwner(_ id: UserID, account: AccountID, email: String, name: String?, passwordHash: String,
                            now: Date, _ connection: any SQLConnection) throws {
        try connection.run(
            "INSERT INTO users (id, account_id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'owner', ?, ?)",
            id.rawValue, account.rawValue, email, name, passwordHash, now)
    }

    /// What a login checks: the user with this email, its password hash and its account's status.
    static func credentials(email: String, _ connection: any SQLConnection) throws
        -> (user: UserID, account: AccountID, passwordHash: String, status: String)? {
        try connection.queryOne("""
            SELECT u.id, u.account_id, u.password_hash, a.status
            FROM users u JOIN accounts a ON a.id = u.account_id
            WHERE u.email = ?
            """, email).map {
            (UserID(trusted: try $0.string("id")), AccountID(trusted: try $0.string("account_id")),
             try $0.string("password_hash"), try $0.string("status"))
        }
    }

    static func setPasswordHash(_ hash: String, of user: UserID, _ connection: any SQLConnection) throws {
        try connection.run("UPDATE users SET password_hash = ? WHERE id = ?", hash, user.rawValue)
    }

    /// Sets the account's status; false for an unknown account.
    static func setStatus(_ status: AccountStatus, of id: AccountID, now: Date, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?", status.rawValue, now, id.rawValue) > 0
    }

    /// Accounts oldest first, after `after` (none for an unknown cursor), at most `limit`.
    static func summaries(after: AccountID?, limit: Int, _ connection: any SQLConnection) throws -> [AccountSummary] {
        let rows = try after.map {
            try connection.query(AccountsDialect.accountSummariesAfter(connection.dialect), $0.rawValue, limit)
        } ?? connection.query(AccountsDialect.accountSummariesFirst(connection.dialect), limit)
        return try rows.map { row in
            AccountSummary(account: try Account(row: row), ownerEmail: try row.optionalString("owner_email"),
                           activeAPIKeys: try row.int("active_keys"))
        }
    }

    /// The account's users in creation order.
    static func users(of account: AccountID, _ connection: any SQLConnection) throws -> [User] {
        try connection.query(AccountsDialect.usersOfAccount(connection.dialect), account.rawValue).map(User.init(row:))
    }
}

/// What recovery and verification need of users and their sessions.
extension AccountRecords {
    /// The user's address, password hash, verification and account status (nil: no such user).
    static func credentials(user: UserID, _ connection: any SQLConnection) throws
        -> (email: String, passwordHash: String, verifiedAt: Date?, status: String)? {
        try connection.queryOne("""
            SELECT u.email, u.password_hash, u.email_verified_at, a.status
            FROM users u JOIN accounts a ON a.id = u.account_id
            WHERE u.id = ?
            """, user.rawValue).map {
            (try $0.string("email"), try $0.string("password_hash"), try $0.optionalDate("email_verified_at"), try $0.string("status"))
        }
    }

    /// The account's owner (the sign-up user), who acts for API keys in account operations.
    static func owner(of account: AccountID, _ connection: any SQLConnection) throws -> UserID? {
        try connection.queryOne(
            "SELECT id FROM users WHERE account_id = ? AND role = 'owner' ORDER BY created_at, id LIMIT 1", account.rawValue
        ).map { UserID(trusted: try $0.string("id")) }
    }

    /// The user and account status behind an address, for password-reset requests.
    static func recipient(email: String, _ connection: any SQLConnection) throws -> (user: UserID, status: String)? {
        try connection.queryOne("""
            SELECT u.id, a.status FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.email = ?
            """, email).map { (UserID(trusted: try $0.string("id")), try $0.string("status")) }
    }

    /// Records that the user proved `email` (only while it is still the user's address).
    static func markVerified(_ user: UserID, email: String, now: Date, _ connection: any SQLConnection) throws {
        try connection.run(
            "UPDATE users SET email_verified_at = ? WHERE id = ? AND email = ? AND email_verified_at IS NULL",
            now, user.rawValue, email)
    }

    /// Revokes the user's live sessions except the one with `keeping` as token hash.
    static func revokeSessions(of user: UserID, keeping: [UInt8]?, now: Date, _ connection: any SQLConnection) throws {
        if let keeping {
            try connection.run(
                "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?",
                now, user.rawValue, keeping)
        } else {
            try connection.run("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, user.rawValue)
        }
    }
}
