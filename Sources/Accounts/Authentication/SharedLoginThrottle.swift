import Common
import Foundation
import Storage

/// Attempts counted in the shared database (`login_failures`), so the per-email and per-address
/// limits hold across every API node: five wrong passwords spread over two nodes block the sixth
/// on either, and so do reset mails asked for and bad recovery tokens (`throttle`). Same policy
/// and answers as the in-memory `LoginThrottle`.
final class SharedLoginThrottle: LoginThrottling {
    private let database: any SQLDatabase
    private let policy: LoginThrottle.Policy
    private let throttle: ThrottleName
    private let refusal: @Sendable (Int) -> AccountsError

    init(database: any SQLDatabase, policy: LoginThrottle.Policy, throttle: ThrottleName = .login,
         refusal: @escaping @Sendable (Int) -> AccountsError = { .tooManyAttempts(retryAfter: $0) }) {
        self.database = database
        self.policy = policy
        self.throttle = throttle
        self.refusal = refusal
    }

    func check(email: String, address: String?, now: Date) throws {
        let since = now.addingTimeInterval(-policy.window).unixMilliseconds
        let (byEmail, byAddress) = try AccountsError.wrapping { try database.readTransaction { connection in
            (try LoginFailureRecords.recent(throttle, .email, email, since: since, limit: policy.failuresPerEmail, connection),
             try address.map { try LoginFailureRecords.recent(throttle, .address, $0, since: since, limit: policy.failuresPerAddress, connection) } ?? [])
        } }
        let wait = max(policy.blockedFor(byEmail, limit: policy.failuresPerEmail, now: now),
                       policy.blockedFor(byAddress, limit: policy.failuresPerAddress, now: now))
        if wait > 0 { throw refusal(max(1, Int(wait.rounded(.up)))) }
    }

    func recordFailure(email: String, address: String?, now: Date) throws {
        let at = now.unixMilliseconds
        let stale = now.addingTimeInterval(-policy.window).unixMilliseconds
        try AccountsError.wrapping { try database.writeTransaction { connection in
            try LoginFailureRecords.insert(throttle, .email, email, at: at, connection)
            if let address { try LoginFailureRecords.insert(throttle, .address, address, at: at, connection) }
            // Attempts older than the window decide nothing any more.
            try LoginFailureRecords.prune(throttle, before: stale, connection)
        } }
    }

    func recordSuccess(email: String) throws {
        try AccountsError.wrapping { try database.writeTransaction { try LoginFailureRecords.clear(throttle, .email, email, $0) } }
    }
}
