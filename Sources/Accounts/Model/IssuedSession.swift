import Foundation

/// A new login session. The token is shown once; only its SHA-256 is stored.
public struct IssuedSession: Sendable {
    /// `sess_…`, 256 random bits.
    public let token: String
    public let userID: UserID
    public let accountID: AccountID
    public let expiresAt: Date
}
