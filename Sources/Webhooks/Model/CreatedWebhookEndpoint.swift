/// A newly registered endpoint and its signing secret (`whsec_…`), which is shown only once.
public struct CreatedWebhookEndpoint: Sendable {
    public let endpoint: WebhookEndpoint
    public let secret: String
}
