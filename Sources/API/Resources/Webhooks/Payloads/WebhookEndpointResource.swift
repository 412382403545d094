import Foundation
import Webhooks

/// A webhook endpoint as clients see it (`"object": "webhook_endpoint"`); `secret` only in the
/// answer that created it.
struct WebhookEndpointResource: Encodable {
    let id: String
    let object = "webhook_endpoint"
    let url: String
    let events: [String]
    let createdAt: Date
    let secret: String?

    init(_ endpoint: WebhookEndpoint, secret: String? = nil) {
        id = endpoint.id.rawValue
        url = endpoint.url
        events = endpoint.events.map(\.rawValue)
        createdAt = endpoint.createdAt
        self.secret = secret
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, url, events, createdAt, secret
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(url, forKey: .url)
        try container.encode(events, forKey: .events)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(secret, forKey: .secret)
    }
}
