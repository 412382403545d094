/// What the signature says about the body: its SHA-256, or that it is not covered.
public enum SigV4Payload: Sendable, Equatable {
    /// The lowercase hex SHA-256 of the body.
    case sha256(String)
    /// `UNSIGNED-PAYLOAD`: the body is streamed without being hashed first (S3 only).
    case unsigned

    /// The SHA-256 of no bytes, the payload hash of every GET, HEAD and DELETE.
    public static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// An empty body.
    public static let empty = SigV4Payload.sha256(emptySHA256)

    /// The last line of the canonical request and the value of `x-amz-content-sha256`.
    public var value: String {
        switch self {
        case .sha256(let hex): hex
        case .unsigned: "UNSIGNED-PAYLOAD"
        }
    }
}
