/// Who is making a request, as resolved from a bearer token.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// A user's login session (`sess_…`).
        case session
        /// An API key (`sk_live_…`) acting for the whole account.
        case apiKey = "api_key"
    }

    public let kind: Kind
    public let accountID: AccountID
    /// The signed-in user for sessions; nil for API keys.
    public let userID: UserID?
    /// The key for API-key requests; nil for sessions.
    public let apiKeyID: APIKeyID?
    /// The account's plan name at resolution time (at most the cache TTL old).
    public let plan: String
    /// The key's scopes; empty means unrestricted (always empty for sessions).
    public let scopes: [String]

    /// True when this principal may use `scope` (`resource` or `resource:action`).
    public func allows(_ scope: String) -> Bool {
        if scopes.isEmpty { return true }
        if scopes.contains(scope) { return true }
        // `filters` grants `filters:read` and `filters:write`.
        if let colon = scope.firstIndex(of: ":") { return scopes.contains(String(scope[..<colon])) }
        return false
    }
}
