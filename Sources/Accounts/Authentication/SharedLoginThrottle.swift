import Common
import Foundation
import Storage

/// Failed logins counted in the shared database (`login_failures`), so the per-email and
/// per-address limits hold across every API node: five wrong passwords spread over two nodes
/// block the sixth on either. Same policy and answers as the in-memory `LoginThrottle`.
final class SharedLoginThrottle: LoginThrottling {
    private let database: any SQLDatabase
    private let policy: LoginThrottle.Policy

    init(database: any SQLDatabase, policy: LoginThrottle.Policy) {
        self.database = database
        self.policy = policy
    }

    func check(email: String, address: String?, now: Date) throws {
        let since = now.addingTimeInterval(-policy.window).unixMilliseconds
        let (byEmail, byAddress) = try database.readTransaction { connection in
            (try LoginFailureRecords.recent(.email, email, since: since, limit: policy.failuresPerEmail, connection),
             try address.map { try LoginFailureRecords.recent(.address, $0, since: since, limit: policy.failuresPerAddress, connection) } ?? [])
        }
        let wait = max(policy.blockedFor(byEmail, limit: policy.failuresPerEmail, now: now),
                       policy.blockedFor(byAddress, limit: policy.failuresPerAddress, now: now))
        if wait > 0 { throw AccountsError.tooManyAttempts(retryAfter: max(1, Int(wait.rounded(.up)))) }
    }

    func recordFailure(email: String, address: String?, now: Date) throws {
        let at = now.unixMilliseconds
        let stale = now.addingTimeInterval(-policy.window).unixMilliseconds
        try database.writeTransaction { connection in
            try LoginFailureRecords.insert(.email, email, at: at, connection)
            if let address { try LoginFailureRecords.insert(.address, address, at: at, connection) }
            // Failures older than the window decide nothing any more.
            try LoginFailureRecords.prune(before: stale, connection)
        }
    }

    func recordSuccess(email: String) throws {
        try database.writeTransaction { try LoginFailureRecords.clear(.email, email, $0) }
    }
}
