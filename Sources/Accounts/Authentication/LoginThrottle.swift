import Foundation

/// Counts failed logins per email and per client address in a sliding window and refuses further
/// attempts once a limit is reached, until the oldest counted failure leaves the window.
///
/// Kept in memory: it guards one server process, which is the unit that does the scrypt work.
/// Several API nodes share `SharedLoginThrottle` instead. Unknown emails are throttled exactly
/// like known ones.
public final class LoginThrottle: LoginThrottling, @unchecked Sendable {
    /// The limits.
    public struct Policy: Sendable {
        /// Failures allowed per email within `window`.
        public var failuresPerEmail: Int
        /// Failures allowed per client address within `window` (higher: offices share addresses).
        public var failuresPerAddress: Int
        /// The sliding window, in seconds.
        public var window: TimeInterval

        public init(failuresPerEmail: Int = 5, failuresPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
            self.failuresPerEmail = failuresPerEmail
            self.failuresPerAddress = failuresPerAddress
            self.window = window
        }
    }

    private let policy: Policy
    /// The refusal once a limit is reached (`too_many_attempts` for logins).
    private let refusal: @Sendable (Int) -> AccountsError
    private let lock = NSLock()
    private var byEmail: [String: [Date]] = [:]
    private var byAddress: [String: [Date]] = [:]

    init(policy: Policy, refusal: @escaping @Sendable (Int) -> AccountsError = { .tooManyAttempts(retryAfter: $0) }) {
        self.policy = policy
        self.refusal = refusal
    }

    /// - Throws: `AccountsError.tooManyAttempts(retryAfter:)` (or the configured refusal) while
    ///   either limit is reached.
    func check(email: String, address: String?, now: Date) throws {
        lock.lock()
        defer { lock.unlock() }
        var wait: TimeInterval = 0
        wait = max(wait, policy.blockedFor(byEmail[email] ?? [], limit: policy.failuresPerEmail, now: now))
        if let address { wait = max(wait, policy.blockedFor(byAddress[address] ?? [], limit: policy.failuresPerAddress, now: now)) }
        if wait > 0 { throw refusal(max(1, Int(wait.rounded(.up)))) }
    }

    func recordFailure(email: String, address: String?, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        prune(now: now)
        Self.append(now, to: &byEmail[email, default: []], limit: policy.failuresPerEmail)
        if let address { Self.append(now, to: &byAddress[address, default: []], limit: policy.failuresPerAddress) }
    }

    /// A correct password clears the email's failures (not the address's: one good account must
    /// not launder a guessing run against others).
    func recordSuccess(email: String) {
        lock.lock()
        byEmail[email] = nil
        lock.unlock()
    }

    /// Keeps only the newest `limit` failures: the oldest of them decides when the block ends.
    private static func append(_ date: Date, to failures: inout [Date], limit: Int) {
        failures.append(date)
        if failures.count > limit { failures.removeFirst(failures.count - limit) }
    }

    /// Drops stale entries once the tables grow, so a spray of random emails cannot grow memory forever.
    private func prune(now: Date) {
        guard byEmail.count + byAddress.count > 100_000 else { return }
        let cutoff = now.addingTimeInterval(-policy.window)
        byEmail = byEmail.filter { ($0.value.last ?? .distantPast) > cutoff }
        byAddress = byAddress.filter { ($0.value.last ?? .distantPast) > cutoff }
    }
}
