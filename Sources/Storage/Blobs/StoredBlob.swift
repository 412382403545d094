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

/// What `head` tells about a stored blob without reading it.
public struct BlobHead: Sendable, Equatable {
    public let key: BlobKey
    public let size: Int64
    /// When the blob was last written or deduplicated against (the sweeper's age).
    public let modified: Date

    public init(key: BlobKey, size: Int64, modified: Date) {
        self.key = key
        self.size = size
        self.modified = modified
    }
}
