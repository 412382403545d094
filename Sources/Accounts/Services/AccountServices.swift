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

    public init(database: any SQLDatabase, configuration: AccountsConfiguration = AccountsConfiguration()) {
        let hasher = PasswordHasher(parameters: configuration.passwordHashing, concurrency: configuration.concurrentPasswordHashes)
        let cache = CredentialCache.credentials()
        let throttle: any LoginThrottling = configuration.sharesLoginThrottle
            ? SharedLoginThrottle(database: database, policy: configuration.loginThrottle)
            : LoginThrottle(policy: configuration.loginThrottle)
        registration = Registration(database: database, hasher: hasher, configuration: configuration)
        sessions = SessionService(database: database, hasher: hasher, throttle: throttle, cache: cache, configuration: configuration)
        apiKeys = APIKeyService(database: database, cache: cache, configuration: configuration)
        authenticator = Authenticator(database: database, cache: cache, configuration: configuration)
        let accountCache = AccountCache.accounts()
        directory = AccountDirectory(database: database, cache: accountCache, configuration: configuration)
        administration = Administration(database: database, cache: cache, accountCache: accountCache, clock: configuration.clock)
    }
}
