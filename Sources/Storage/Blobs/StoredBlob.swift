import Foundation

/// The outcome of a `put`: where the bytes now live and how many there were.
public struct StoredBlob: Sendable, Equatable {
    /// The SHA-256 of the bytes.
    public let key: BlobKey
    /// Number of bytes.
    public let size: Int64
    /// False when a blob with the same bytes was already stored and the new copy was dropped.
    public let created: Bool

    public init(key: BlobKey, size: Int64, created: Bool) {
        self.key = key
        self.size = size
        self.created = created
    }
}
