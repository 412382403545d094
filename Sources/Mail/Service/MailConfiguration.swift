import Foundation

/// How the outbox is worked off. Defaults are production's; tests shorten the retry delays.
public struct MailConfiguration: Sendable {
    /// The wait after each failed attempt (1-based); after the last, the message has failed for good.
    public var retryDelays: [TimeInterval]
    /// How long a claimed message is held before another dispatcher may send it again: longer
    /// than any attempt can last, so a live attempt is never duplicated.
    public var claimLease: TimeInterval
    /// How long sent and failed messages (without their bodies) are kept.
    public var retention: TimeInterval

    public init(retryDelays: [TimeInterval] = [10, 60, 300, 1800, 7200, 21_600], claimLease: TimeInterval = 90,
                retention: TimeInterval = 7 * 86_400) {
        self.retryDelays = retryDelays
        self.claimLease = max(1, claimLease)
        self.retention = max(0, retention)
    }

    /// Attempts in all, the first one included.
    public var maxAttempts: Int { retryDelays.count + 1 }

    func delay(afterAttempt attempt: Int) -> TimeInterval? {
        guard attempt >= 1, attempt <= retryDelays.count else { return nil }
        return retryDelays[attempt - 1]
    }
}
