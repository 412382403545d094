import Foundation

/// A tenant: every user, key, asset and job belongs to exactly one account.
public struct Account: Sendable, Hashable, Codable {
    public let id: AccountID
    public let name: String?
    /// The plan name (`free` by default); limits per plan live in the Quotas module.
    public let plan: String
    public let status: AccountStatus
    public let createdAt: Date
    public let updatedAt: Date
}
