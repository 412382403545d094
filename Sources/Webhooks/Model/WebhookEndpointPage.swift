/// One page of an account's endpoints, oldest first.
public struct WebhookEndpointPage: Sendable {
    public let endpoints: [WebhookEndpoint]
    public let hasMore: Bool
}
