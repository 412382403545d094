/// One decoded (or to-be-encoded) video picture with its place in time.
///
/// The picture is a plain `RGBImage`, so frames go straight to the image stylizer and back.
public struct VideoFrame: Sendable, Equatable {
    /// The upright RGB picture.
    public var image: RGBImage
    /// Presentation time in seconds on the source's clock (not necessarily starting at 0).
    /// Preserving it is what keeps variable-frame-rate video in sync with its audio.
    public var time: Double
    /// Zero-based position in presentation order.
    public var index: Int

    public init(image: RGBImage, time: Double, index: Int) {
        self.image = image
        self.time = time
        self.index = index
    }

    /// The frame's picture size.
    public var size: VideoFrameSize { VideoFrameSize(width: image.width, height: image.height) }
}
