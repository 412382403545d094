import Foundation

/// A person who signs in. The sign-up user is the account's `owner`.
public struct User: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Codable {
        case owner
        case member
    }

    public let id: UserID
    public let accountID: AccountID
    /// Normalised (trimmed, lowercased).
    public let email: String
    public let name: String?
    public let role: Role
    public let createdAt: Date
    /// When the user proved the address (a verification link, or a password reset by mail); nil until then.
    public let emailVerifiedAt: Date?
}
