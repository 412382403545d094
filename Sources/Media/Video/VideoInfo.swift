/// What a video container says about its main video stream, learned without decoding frames.
public struct VideoInfo: Sendable, Equatable {
    /// The container: "mp4" (also MOV/3GP family) or "matroska" (also WebM).
    public var container: String
    /// The codec's short libavcodec name, e.g. "h264", "hevc", "vp9", "av1".
    public var codec: String
    /// Width of the stored frames.
    public var width: Int
    /// Height of the stored frames.
    public var height: Int
    /// Clockwise rotation (0, 90, 180 or 270) a player applies, from the display matrix.
    public var rotation: Int
    /// Number of frames: exact when the container records it (MP4), otherwise estimated
    /// from duration × frame rate.
    public var frameCount: Int
    /// Average frames per second.
    public var frameRate: Double
    /// Duration in seconds.
    public var duration: Double
    /// Whether the container also has an audio stream.
    public var hasAudio: Bool

    public init(
        container: String, codec: String, width: Int, height: Int, rotation: Int,
        frameCount: Int, frameRate: Double, duration: Double, hasAudio: Bool
    ) {
        self.container = container
        self.codec = codec
        self.width = width
        self.height = height
        self.rotation = rotation
        self.frameCount = frameCount
        self.frameRate = frameRate
        self.duration = duration
        self.hasAudio = hasAudio
    }

    /// Width of the frames as displayed (after rotation): the width `VideoReader` produces.
    public var displayWidth: Int { rotation % 180 == 0 ? width : height }
    /// Height of the frames as displayed (after rotation).
    public var displayHeight: Int { rotation % 180 == 0 ? height : width }
}
