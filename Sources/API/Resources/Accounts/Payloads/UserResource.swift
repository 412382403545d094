import Accounts
import Foundation

/// A user as clients see it (`"object": "user"`); never the password hash.
struct UserResource: Encodable, Hashable {
    let id: String
    let accountID: String
    let email: String
    let name: String?
    let role: String
    let createdAt: Date
    let emailVerifiedAt: Date?

    init(_ user: User) {
        id = user.id.rawValue
        accountID = user.accountID.rawValue
        email = user.email
        name = user.name
        role = user.role.rawValue
        createdAt = user.createdAt
        emailVerifiedAt = user.emailVerifiedAt
    }

    private enum CodingKeys: String, CodingKey {
        // `accountId` so the snake_case encoder writes `account_id`.
        case object, id, accountId, email, name, role, createdAt, emailVerified, emailVerifiedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("user", forKey: .object)
        try container.encode(id, forKey: .id)
        try container.encode(accountID, forKey: .accountId)
        try container.encode(email, forKey: .email)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(emailVerifiedAt != nil, forKey: .emailVerified)
        try container.encode(emailVerifiedAt, forKey: .emailVerifiedAt)
    }
}
