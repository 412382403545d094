import Foundation
import Webhooks

/// One delivery of an endpoint (`"object": "webhook_delivery"`): its message id (the
/// `webhook-id` header), event, status, attempts and what the last attempt found.
struct WebhookDeliveryResource: Encodable {
    let id: String
    let object = "webhook_delivery"
    let endpoint: String
    let eventType: String
    let status: String
    let attempts: Int
    let lastStatusCode: Int?
    let lastError: String?
    let nextAttemptAt: Date?
    let createdAt: Date
    let finishedAt: Date?

    init(_ delivery: WebhookDelivery) {
        id = delivery.id.rawValue
        endpoint = delivery.endpoint.rawValue
        eventType = delivery.eventType
        status = delivery.status.rawValue
        attempts = delivery.attempts
        lastStatusCode = delivery.lastStatusCode
        lastError = delivery.lastError
        nextAttemptAt = delivery.nextAttemptAt
        createdAt = delivery.createdAt
        finishedAt = delivery.finishedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, endpoint, eventType, status, attempts, lastStatusCode, lastError, nextAttemptAt, createdAt, finishedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(status, forKey: .status)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(lastStatusCode, forKey: .lastStatusCode)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(finishedAt, forKey: .finishedAt)
    }
}
