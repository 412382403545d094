import Storage

/// The public id of a webhook endpoint (`whk_…`).
public struct WebhookEndpointID: PrefixedIdentifier {
    public static let prefix = "whk_"
    public let rawValue: String

    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }
}
