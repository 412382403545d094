import Foundation

/// An API key as listed: never the secret, only its id and a display prefix to recognise it by.
public struct APIKey: Sendable, Hashable, Codable {
    public let id: APIKeyID
    public let accountID: AccountID
    public let name: String
    /// The first characters of the secret, e.g. `sk_live_7Gq2`.
    public let displayPrefix: String
    /// Empty means unrestricted.
    public let scopes: [String]
    public let createdAt: Date
    /// Updated at most once a minute per key, so it is approximate by up to a minute.
    public let lastUsedAt: Date?
    /// Set once revoked; a revoked key is refused on the very next request.
    public let revokedAt: Date?
}
