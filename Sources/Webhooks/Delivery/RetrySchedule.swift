import Foundation

/// When a failed delivery is tried again: after each failed attempt `n` (1-based) the next one
/// waits `delays[n - 1]`, spread by ±`jitter` so receivers that failed together are not hit
/// together again; after the last delay's attempt fails, the delivery has failed for good.
public struct RetrySchedule: Sendable {
    /// Standard Webhooks' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all).
    public static let standard = RetrySchedule(delays: [5, 300, 1800, 7200, 18000, 36000, 36000])

    public let delays: [TimeInterval]
    /// Fraction of each delay added or taken at random (0.1: ±10 %).
    public let jitter: Double

    public init(delays: [TimeInterval], jitter: Double = 0.1) {
        self.delays = delays
        self.jitter = max(0, min(jitter, 1))
    }

    /// Attempts in all, the first one included.
    public var maxAttempts: Int { delays.count + 1 }

    /// The wait after the `attempt`-th attempt failed; nil when it was the last.
    func delay(afterAttempt attempt: Int) -> TimeInterval? {
        guard attempt >= 1, attempt <= delays.count else { return nil }
        let base = delays[attempt - 1]
        guard jitter > 0 else { return base }
        return base * Double.random(in: (1 - jitter)...(1 + jitter))
    }
}
