import Foundation

/// A receiver an account registered: where events are POSTed and which ones.
public struct WebhookEndpoint: Sendable, Equatable {
    public let id: WebhookEndpointID
    public let account: String
    /// The absolute http(s) URL, exactly as registered.
    public let url: String
    /// The subscribed events, in `WebhookEventType.allCases` order.
    public let events: [WebhookEventType]
    public let createdAt: Date

    public init(id: WebhookEndpointID, account: String, url: String, events: [WebhookEventType], createdAt: Date) {
        self.id = id
        self.account = account
        self.url = url
        self.events = events
        self.createdAt = createdAt
    }
}
