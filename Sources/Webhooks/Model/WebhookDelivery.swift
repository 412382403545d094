import Foundation

/// One delivery as an account sees it (`GET /v1/webhooks/{id}/deliveries`).
public struct WebhookDelivery: Sendable, Equatable {
    public let id: WebhookMessageID
    public let endpoint: WebhookEndpointID
    public let eventType: String
    public let status: DeliveryStatus
    public let attempts: Int
    public let lastStatusCode: Int?
    public let lastError: String?
    /// When the next attempt is due; nil once delivered or failed.
    public let nextAttemptAt: Date?
    public let createdAt: Date
    public let finishedAt: Date?
}
