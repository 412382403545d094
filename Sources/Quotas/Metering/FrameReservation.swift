import Foundation

/// Frames held for one piece of admitted work. Commit it when the work succeeds, release it on
/// failure or cancel, renew it while the work runs: a reservation whose lease passes is released
/// by itself, so a crashed worker never holds frames for ever.
public struct FrameReservation: Sendable, Hashable, Codable {
    /// `rsv_…`.
    public let id: String
    public let account: String
    /// The month the frames count in: the month of admission, even if the work ends in the next.
    public let period: UsagePeriod
    public let frames: Int64
    /// When the lease ends unless renewed (whole seconds).
    public let expiresAt: Date

    public init(id: String, account: String, period: UsagePeriod, frames: Int64, expiresAt: Date) {
        self.id = id
        self.account = account
        self.period = period
        self.frames = frames
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case id, account, period, frames
        case expiresAt = "expires_at"
    }
}
