/// A freshly created key with its secret. The secret is never stored or shown again.
public struct CreatedAPIKey: Sendable {
    public let key: APIKey
    /// `sk_live_…`: give it to the client now; only its SHA-256 is kept.
    public let secret: String
}
