import Storage

/// The public id of an API key (not the secret), used to list and revoke it.
public struct APIKeyID: PrefixedIdentifier {
    public static let prefix = "key_"
    public let rawValue: String

    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }
}
