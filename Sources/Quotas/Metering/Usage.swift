/// Frames of one account in one month.
public struct Usage: Sendable, Hashable, Codable {
    public let account: String
    public let period: UsagePeriod
    /// Frames of finished work.
    public let frames: Int64
    /// Frames held by work still running.
    public let reservedFrames: Int64
    /// The effective `monthly_frames` limit.
    public let allowedFrames: Int64

    public init(account: String, period: UsagePeriod, frames: Int64, reservedFrames: Int64, allowedFrames: Int64) {
        self.account = account
        self.period = period
        self.frames = frames
        self.reservedFrames = reservedFrames
        self.allowedFrames = allowedFrames
    }

    /// Frames a new request may still use (never negative, even after a limit was lowered).
    public var remainingFrames: Int64 {
        max(0, allowedFrames - frames - reservedFrames)
    }

    enum CodingKeys: String, CodingKey {
        case account, period, frames
        case reservedFrames = "reserved_frames"
        case allowedFrames = "allowed_frames"
        case remainingFrames = "remaining_frames"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(period, forKey: .period)
        try container.encode(frames, forKey: .frames)
        try container.encode(reservedFrames, forKey: .reservedFrames)
        try container.encode(allowedFrames, forKey: .allowedFrames)
        try container.encode(remainingFrames, forKey: .remainingFrames)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            account: container.decode(String.self, forKey: .account), period: container.decode(UsagePeriod.self, forKey: .period),
            frames: container.decode(Int64.self, forKey: .frames), reservedFrames: container.decode(Int64.self, forKey: .reservedFrames),
            allowedFrames: container.decode(Int64.self, forKey: .allowedFrames))
    }
}
