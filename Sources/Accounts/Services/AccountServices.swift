import Mail
import Storage

/// The Accounts domain, wired once at start-up and passed to whoever needs it (the HTTP handlers,
/// the admin CLI). The services share one credential cache, so a revocation made through one of
/// them is seen by the authenticator of the same process immediately.
public final class AccountServices: Sendable {
    /// Sign-up.
    public let registration: Registration
    /// Login and logout.
    public let sessions: SessionService
    /// A tenant's own API keys.
    public let apiKeys: APIKeyService
    /// Bearer token → principal.
    public let authenticator: Authenticator
    /// Reads of the caller's own account and user (for `GET /v1/me`).
    public let directory: AccountDirectory
    /// Operator actions across tenants (the admin CLI); never reachable from tenant requests.
    public let administration: Administration
    /// Password change and reset by mail.
    public let passwords: PasswordService
    /// E-mail verification links.
    public let verification: EmailVerificationService

    /// - Parameter outbox: where reset and verification mails are written; `.unattended` leaves
    ///   them in the table for a `MailService` of another process (or none).
    public init(database: any SQLDatabase, configuration: AccountsConfiguration = AccountsConfiguration(), outbox: MailOutbox = .unattended) {
        let hasher = PasswordHasher(parameters: configuration.passwordHashing, concurrency: configuration.concurrentPasswordHashes)
        let cache = CredentialCache.credentials()
        let tooMany: @Sendable (Int) -> AccountsError = { .tooManyRequests(retryAfter: $0) }
        let recovery = configuration.recoveryThrottle
        // Bad tokens are counted by client address alone, under the per-address limit.
        let tokenPolicy = LoginThrottle.Policy(
            failuresPerEmail: recovery.failuresPerAddress, failuresPerAddress: recovery.failuresPerAddress, window: recovery.window)
        let throttle: any LoginThrottling
        let mailRequests: any LoginThrottling
        let badTokens: any LoginThrottling
        if configuration.sharesThrottles {
            throttle = SharedLoginThrottle(database: database, policy: configuration.loginThrottle)
            mailRequests = SharedLoginThrottle(database: database, policy: recovery, throttle: .recoveryMail, refusal: tooMany)
            badTokens = SharedLoginThrottle(database: database, policy: tokenPolicy, throttle: .recoveryToken, refusal: tooMany)
        } else {
            throttle = LoginThrottle(policy: configuration.loginThrottle)
            mailRequests = LoginThrottle(policy: recovery, refusal: tooMany)
            badTokens = LoginThrottle(policy: tokenPolicy, refusal: tooMany)
        }
        verification = EmailVerificationService(
            database: database, requestThrottle: mailRequests, tokenThrottle: badTokens, outbox: outbox, configuration: configuration)
        passwords = PasswordService(
            database: database, hasher: hasher, loginThrottle: throttle, requestThrottle: mailRequests, tokenThrottle: badTokens,
            cache: cache, outbox: outbox, configuration: configuration)
        registration = Registration(database: database, hasher: hasher, verification: verification, configuration: configuration)
        sessions = SessionService(database: database, hasher: hasher, throttle: throttle, cache: cache, configuration: configuration)
        apiKeys = APIKeyService(database: database, cache: cache, configuration: configuration)
        authenticator = Authenticator(database: database, cache: cache, configuration: configuration)
        let accountCache = AccountCache.accounts()
        directory = AccountDirectory(database: database, cache: accountCache, configuration: configuration)
        administration = Administration(database: database, cache: cache, accountCache: accountCache, clock: configuration.clock)
    }
}
