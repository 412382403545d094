import Foundation

/// Something that happened to one of an account's resources, to be delivered to its endpoints.
public struct WebhookEvent: Sendable {
    public let type: WebhookEventType
    public let account: String
    /// The id of the resource it is about (`sty_…`); with `type`, the key that makes enqueueing idempotent.
    public let subject: String
    /// When it happened (the `timestamp` member of the payload).
    public let occurredAt: Date
    /// The resource as JSON, embedded verbatim as the payload's `data`.
    public let data: [UInt8]
    /// A per-request callback (`webhook_url`): every endpoint of the account registered with
    /// this URL gets the event even when it does not subscribe to its type.
    public let callbackURL: String?
    /// Tells apart repeated events of one type about one subject (a progress event's frames
    /// done): part of the idempotency key when set.
    public let sequence: Int?

    public init(type: WebhookEventType, account: String, subject: String, occurredAt: Date, data: [UInt8],
                callbackURL: String? = nil, sequence: Int? = nil) {
        self.sequence = sequence
        self.type = type
        self.account = account
        self.subject = subject
        self.occurredAt = occurredAt
        self.data = data
        self.callbackURL = callbackURL
    }

    var key: String { sequence.map { "\(type.rawValue):\(subject):\($0)" } ?? "\(type.rawValue):\(subject)" }

    /// The Standard Webhooks body: `{"type":…,"timestamp":…,"data":…}`, `data` byte for byte.
    var payload: [UInt8] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let head = "{\"type\":\"\(type.rawValue)\",\"timestamp\":\"\(formatter.string(from: occurredAt))\",\"data\":"
        return Array(head.utf8) + data + Array("}".utf8)
    }
}
