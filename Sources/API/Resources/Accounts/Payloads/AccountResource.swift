import Accounts
import Foundation

/// An account as clients see it (`"object": "account"`).
struct AccountResource: Encodable, Hashable {
    let id: String
    let name: String?
    let plan: String
    let status: String
    let createdAt: Date
    let updatedAt: Date

    init(_ account: Account) {
        id = account.id.rawValue
        name = account.name
        plan = account.plan
        status = account.status.rawValue
        createdAt = account.createdAt
        updatedAt = account.updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case object, id, name, plan, status, createdAt, updatedAt
    }

    // Written by hand so an absent name is `null`, not a missing key: clients get one shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("account", forKey: .object)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(plan, forKey: .plan)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
