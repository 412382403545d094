import Storage

/// An account (tenant): owns users, API keys and everything they create.
public struct AccountID: PrefixedIdentifier {
    public static let prefix = "acct_"
    public let rawValue: String

    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }
}
