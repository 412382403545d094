/// Everything the operator sees about one account.
public struct AccountDetails: Sendable, Hashable, Codable {
    public let account: Account
    public let users: [User]
    /// All keys, revoked ones included.
    public let apiKeys: [APIKey]
}
