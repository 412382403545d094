import Storage

/// The id of one delivery (`msg_…`): the `webhook-id` header, identical on every retry, so a
/// receiver can drop duplicates of an at-least-once delivery.
public struct WebhookMessageID: PrefixedIdentifier {
    public static let prefix = "msg_"
    public let rawValue: String

    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }
}
