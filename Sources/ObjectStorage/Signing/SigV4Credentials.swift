/// An AWS-style key pair, with the session token of temporary credentials (STS, instance roles).
public struct SigV4Credentials: Sendable, Equatable, CustomStringConvertible {
    public let accessKeyID: String
    public let secretAccessKey: String
    /// Sent as `x-amz-security-token` (and signed) when present.
    public let sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// Names the key, never the secret, so credentials can appear in logs and error messages.
    public var description: String {
        "access key \(accessKeyID)\(sessionToken == nil ? "" : " (with a session token)")"
    }
}
