/// What one sweep of the blob store removed.
public struct BlobSweepReport: Sendable, Equatable {
    /// Recorded blobs that no row referenced any more.
    public var unreferencedBlobs = 0
    /// Files in the store that no `blobs` row knows (a put whose transaction never committed).
    public var orphanFiles = 0
    /// `.partial` files of puts that never finished.
    public var abandonedUploads = 0
    /// Bytes freed by the first two.
    public var bytesFreed: Int64 = 0

    public init() {}
}
