/// What a video file holds, read from its headers (and packet index) without decoding a frame.
public struct VideoInfo: Sendable, Equatable {
    /// How `frameCount` was obtained, so callers can tell an exact count from a guess.
    public enum FrameCountSource: String, Sendable, Equatable {
        /// The container's sample table (MP4 `stsz`): exact.
        case containerIndex
        /// Counted by reading every video packet without decoding: exact.
        case packetCount
        /// Duration × frame rate: may be off for variable frame rate.
        case estimate
    }

    /// FFmpeg demuxer name: `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`.
    public var container: String
    /// Video codec short name, e.g. `h264`, `vp9`.
    public var videoCodec: String
    /// Pixel format named in the header (`yuv420p`, ...); nil when only decoding would tell
    /// (MP4 does not record it outside the codec's own parameter sets).
    public var pixelFormat: String?
    /// Coded width and height, before applying `rotation`.
    public var width: Int
    public var height: Int
    /// Clockwise degrees (0, 90, 180 or 270) a player turns the coded picture to show it upright.
    public var rotation: Int
    /// Average frame rate (falls back to the base rate, then to frames ÷ duration).
    public var frameRate: VideoRational
    /// The video stream's time base: timestamps are integers in these units.
    public var timeBase: VideoRational
    /// Duration of the video in seconds.
    public var duration: Double
    public var frameCount: Int
    public var frameCountSource: FrameCountSource
    /// Audio codec short name (`aac`, `opus`, ...) or nil when there is no audio stream.
    public var audioCodec: String?
    /// Length of the audio stream in seconds, when the header records it.
    public var audioDuration: Double?
    /// Overall bit rate in bits per second, when known.
    public var bitRate: Int?

    public var hasAudio: Bool { audioCodec != nil }
    public var framesPerSecond: Double { frameRate.doubleValue }

    /// Width as displayed (after rotation).
    public var displayWidth: Int { rotation % 180 == 0 ? width : height }
    /// Height as displayed (after rotation).
    public var displayHeight: Int { rotation % 180 == 0 ? height : width }

    /// The size `VideoDecoder(url:outputMaxSide:)` will produce for this video: upright, fitted
    /// to `maxSide`, even. Lets admission decide before decoding anything.
    public func outputSize(maxSide: Int?) -> VideoFrameSize {
        VideoFrameSize.fitting(width: displayWidth, height: displayHeight, maxSide: maxSide)
    }
}
