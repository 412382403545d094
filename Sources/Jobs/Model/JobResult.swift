import Foundation
import Storage

/// What a succeeded job produced: the result blob, and the asset it became when the service
/// publishes results (`JobServiceConfiguration.resultPublisher`).
public struct JobResult: Sendable, Equatable {
    /// The result's bytes in the service's blob store.
    public let key: BlobKey
    public let bytes: Int64
    /// `image/jpeg`, `image/png`, `image/webp` or `video/mp4`.
    public let mediaType: String
    public let width: Int
    public let height: Int
    /// 1 for an image.
    public let frames: Int
    /// The id the publisher gave the result (`ast_…`); nil when the job keeps the result itself.
    /// The asset, not the blob, decides whether the result is still available (it expires).
    public let assetID: String?

    public init(key: BlobKey, bytes: Int64, mediaType: String, width: Int, height: Int, frames: Int, assetID: String? = nil) {
        self.key = key
        self.bytes = bytes
        self.mediaType = mediaType
        self.width = width
        self.height = height
        self.frames = frames
        self.assetID = assetID
    }

    /// The same result, published under `assetID`.
    func published(as assetID: String) -> JobResult {
        JobResult(key: key, bytes: bytes, mediaType: mediaType, width: width, height: height, frames: frames, assetID: assetID)
    }
}
