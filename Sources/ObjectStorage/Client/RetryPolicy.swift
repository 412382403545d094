import Foundation

/// Bounded retries with exponential backoff and full jitter: attempt n waits a random time in
/// [0.5, 1] × min(maxDelay, baseDelay × 2^(n-1)), so clients that failed together don't retry
/// together (what AWS asks for under `SlowDown`).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first one included (at least 1).
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 5, baseDelay: TimeInterval = 0.2, maxDelay: TimeInterval = 5) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// How long to wait after failed attempt `attempt` (1-based).
    public func delay(after attempt: Int) -> TimeInterval {
        let exponential = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return exponential * Double.random(in: 0.5...1)
    }
}

/// How long one request may take.
public struct S3Timeouts: Sendable, Equatable {
    /// Establishing the TCP (and TLS) connection.
    public var connect: TimeInterval
    /// The transfer is abandoned when under 1 KiB/s moves for this long (a hung server).
    public var stall: TimeInterval
    /// Ceiling for one whole request, a 16 MiB part or a large download included.
    public var request: TimeInterval

    public init(connect: TimeInterval = 5, stall: TimeInterval = 30, request: TimeInterval = 900) {
        self.connect = connect
        self.stall = stall
        self.request = request
    }
}
