import Accounts
import Foundation

/// An API key as clients see it (`"object": "api_key"`). `secret` is present only in the answer
/// to its creation; afterwards a key is recognised by `display_prefix`.
struct APIKeyResource: Encodable {
    let id: String
    let name: String
    let displayPrefix: String
    let scopes: [String]
    let createdAt: Date
    let lastUsedAt: Date?
    let secret: String?

    init(_ key: APIKey, secret: String? = nil) {
        id = key.id.rawValue
        name = key.name
        displayPrefix = key.displayPrefix
        scopes = key.scopes
        createdAt = key.createdAt
        lastUsedAt = key.lastUsedAt
        self.secret = secret
    }

    private enum CodingKeys: String, CodingKey {
        case object, id, name, displayPrefix, scopes, createdAt, lastUsedAt, secret
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("api_key", forKey: .object)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(displayPrefix, forKey: .displayPrefix)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastUsedAt, forKey: .lastUsedAt)
        try container.encodeIfPresent(secret, forKey: .secret)
    }
}
