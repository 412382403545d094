import Foundation

/// Where attempts are counted (failed logins, recovery mails, bad recovery tokens): in this
/// process (`LoginThrottle`) or in the shared database (`SharedLoginThrottle`), so a run spread
/// over several API nodes meets one limit.
protocol LoginThrottling: Sendable {
    /// - Throws: the throttle's refusal (`AccountsError.tooManyAttempts` for logins,
    ///   `.tooManyRequests` for recovery) while the email's or the address's limit is reached;
    ///   `AccountsError.storage` from a shared store.
    func check(email: String, address: String?, now: Date) throws
    func recordFailure(email: String, address: String?, now: Date) throws
    /// A correct password clears the email's failures (not the address's).
    func recordSuccess(email: String) throws
}

extension LoginThrottle.Policy {
    /// How long the newest `limit` failures keep the subject blocked: until the oldest of them
    /// leaves the window (0 when fewer than `limit` are counted). `failures` is oldest first.
    func blockedFor(_ failures: [Date], limit: Int, now: Date) -> TimeInterval {
        guard failures.count >= limit, let oldest = failures.suffix(limit).first else { return 0 }
        return oldest.addingTimeInterval(window).timeIntervalSince(now)
    }
}
