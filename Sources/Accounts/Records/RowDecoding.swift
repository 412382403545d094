import Foundation
import Storage

// Mapping rows to domain values. Column lists live next to the decoders so they stay in step.

extension Account {
    static let columns = "id, name, plan, status, created_at, updated_at"

    init(row: Row) throws {
        id = AccountID(trusted: try row.string("id"))
        name = try row.optionalString("name")
        plan = try row.string("plan")
        status = AccountStatus(rawValue: try row.string("status")) ?? .suspended
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
    }
}

extension User {
    static let columns = "id, account_id, email, name, role, created_at, email_verified_at"

    init(row: Row) throws {
        id = UserID(trusted: try row.string("id"))
        accountID = AccountID(trusted: try row.string("account_id"))
        email = try row.string("email")
        name = try row.optionalString("name")
        role = Role(rawValue: try row.string("role")) ?? .member
        createdAt = try row.date("created_at")
        emailVerifiedAt = try row.optionalDate("email_verified_at")
    }
}

extension APIKey {
    static let columns = "id, account_id, name, display_prefix, scopes, created_at, last_used_at, revoked_at"

    init(row: Row) throws {
        id = APIKeyID(trusted: try row.string("id"))
        accountID = AccountID(trusted: try row.string("account_id"))
        name = try row.string("name")
        displayPrefix = try row.string("display_prefix")
        scopes = try row.string("scopes").split(separator: " ").map(String.init)
        createdAt = try row.date("created_at")
        lastUsedAt = try row.optionalDate("last_used_at")
        revokedAt = try row.optionalDate("revoked_at")
    }
}
