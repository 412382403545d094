import Foundation
import Storage

/// A stored blob ready to be sent: which blob, what it is and how long it is. Its bytes are read
/// through the blob store (`open`), never through a path.
public struct StoredFile: Sendable {
    public let key: BlobKey
    public let mediaType: String
    public let bytes: Int64
    let blobs: any BlobStore

    /// - Parameter blobs: the store holding `key`.
    public init(key: BlobKey, mediaType: String, bytes: Int64, blobs: any BlobStore) {
        self.key = key
        self.mediaType = mediaType
        self.bytes = bytes
        self.blobs = blobs
    }

    /// Opens the bytes for streaming: all of them, or `range` (a download with `Range`).
    ///
    /// - Throws: `StorageError.blobNotFound` when the sweeper removed them meanwhile, `.blobIO`.
    public func open(range: Range<Int64>? = nil) throws -> BlobReadStream {
        try blobs.open(key, range: range)
    }

    /// All the bytes in memory; for small files (thumbnails) and tests.
    public func data() throws -> Data {
        try blobs.data(for: key)
    }
}
