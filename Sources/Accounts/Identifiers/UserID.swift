import Storage

/// A person who signs in with email and password; belongs to one account.
public struct UserID: PrefixedIdentifier {
    public static let prefix = "usr_"
    public let rawValue: String

    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }
}
