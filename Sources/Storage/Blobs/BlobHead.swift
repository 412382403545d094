import Foundation

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
