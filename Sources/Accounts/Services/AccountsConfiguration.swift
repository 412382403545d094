import Common
import Foundation

/// Tunables of the Accounts domain. Defaults are the production values.
public struct AccountsConfiguration: Sendable {
    /// scrypt cost for new password hashes. Tests use `.testing`.
    public var passwordHashing: ScryptParameters = .production
    /// How many password hashes may run at once (each needs ~128 MiB at production cost).
    public var concurrentPasswordHashes: Int = 2
    /// How long a login session stays valid.
    public var sessionLifetime: TimeInterval = 30 * 24 * 3600
    /// How long a resolved token is trusted without a database read. Capped at one second so that
    /// a key revoked or an account suspended by another process is refused within a second.
    public var authenticationCacheTTL: TimeInterval = 1 {
        didSet { authenticationCacheTTL = min(max(authenticationCacheTTL, 0), 1) }
    }
    /// An API key's `last_used_at` is written at most this often.
    public var lastUsedWriteInterval: TimeInterval = 60
    /// Active (unrevoked) API keys allowed per account.
    public var maximumActiveAPIKeys: Int = 20
    /// Failed-login limits per email and per client address.
    public var loginThrottle: LoginThrottle.Policy = LoginThrottle.Policy()
    /// Count failed logins, recovery mails asked for and bad recovery tokens in the database,
    /// shared by every node, instead of in this process. `serve` turns it on when there are
    /// several nodes (a role other than `all`, or PostgreSQL).
    public var sharesThrottles = false
    /// How long a password-reset link works.
    public var passwordResetLifetime: TimeInterval = 3600
    /// How long an e-mail verification link works.
    public var verificationLifetime: TimeInterval = 48 * 3600
    /// Reset and verification mails asked for per address and per client address (every request
    /// counts, known address or not), and bad tokens per client address (counted by address alone).
    public var recoveryThrottle: LoginThrottle.Policy = LoginThrottle.Policy(failuresPerEmail: 3, failuresPerAddress: 20)
    /// The server's public base URL (`https://stylify.example.com`), read when a mail is written,
    /// for the links in it. A closure because `serve` learns its own URL only once it listens.
    public var publicURL: @Sendable () -> String = { "http://127.0.0.1:8080" }
    /// The time source.
    public var clock: any Clock = .system

    public init() {}
}
