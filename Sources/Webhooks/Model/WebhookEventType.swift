/// The events an endpoint can subscribe to: the terminal statuses of a stylization.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    case stylizationSucceeded = "stylization.succeeded"
    case stylizationFailed = "stylization.failed"
    case stylizationCanceled = "stylization.canceled"
}
