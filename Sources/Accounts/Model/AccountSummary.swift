/// An account as the operator's list shows it.
public struct AccountSummary: Sendable, Hashable, Codable {
    public let account: Account
    /// The owner's email (nil only if the owner was deleted).
    public let ownerEmail: String?
    public let activeAPIKeys: Int
}
