import Foundation

/// The file a succeeded job wrote into the service's results directory.
public struct JobResult: Sendable, Equatable {
    public let file: URL
    public let bytes: Int64
    /// `image/jpeg`, `image/png`, `image/webp` or `video/mp4`.
    public let mediaType: String
    public let width: Int
    public let height: Int
    /// 1 for an image.
    public let frames: Int

    public init(file: URL, bytes: Int64, mediaType: String, width: Int, height: Int, frames: Int) {
        self.file = file
        self.bytes = bytes
        self.mediaType = mediaType
        self.width = width
        self.height = height
        self.frames = frames
    }
}
