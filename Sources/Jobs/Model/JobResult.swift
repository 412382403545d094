import Foundation

/// What a succeeded job produced: the file, and the asset it became when the service publishes
/// results (`JobServiceConfiguration.resultPublisher`).
public struct JobResult: Sendable, Equatable {
    /// In the results directory, or where the publisher stored it.
    public let file: URL
    public let bytes: Int64
    /// `image/jpeg`, `image/png`, `image/webp` or `video/mp4`.
    public let mediaType: String
    public let width: Int
    public let height: Int
    /// 1 for an image.
    public let frames: Int
    /// The id the publisher gave the result (`ast_…`); nil when results stay plain files. The
    /// asset, not `file`, decides whether the result is still available (it expires).
    public let assetID: String?

    public init(file: URL, bytes: Int64, mediaType: String, width: Int, height: Int, frames: Int, assetID: String? = nil) {
        self.file = file
        self.bytes = bytes
        self.mediaType = mediaType
        self.width = width
        self.height = height
        self.frames = frames
        self.assetID = assetID
    }

    /// The same result, published under `assetID` with its bytes at `file`.
    func published(as assetID: String, file: URL) -> JobResult {
        JobResult(file: file, bytes: bytes, mediaType: mediaType, width: width, height: height, frames: frames, assetID: assetID)
    }
}
