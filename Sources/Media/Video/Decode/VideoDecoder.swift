import CFFmpeg
import Foundation

/// Pulls a video's frames one by one as upright RGB24 `VideoFrame`s, scaled to fit a long side.
///
/// Meant to be owned by one thread of a pipeline (decode → stylize → encode); it may be handed
/// to another thread, and its methods are serialised by a lock, but frames come out in order
/// from a single cursor.
public final class VideoDecoder: @unchecked Sendable {
    /// Coded frame size in the file, before rotation and scaling.
    public let sourceWidth: Int
    public let sourceHeight: Int
    /// Clockwise degrees applied to every frame so it comes out upright.
    public let rotation: Int
    /// Size of every frame `nextFrame()` returns: upright, fitted, even.
    public let outputSize: VideoFrameSize
    /// The source stream's time base; pass it to `VideoEncoder` to keep timestamps exact.
    public let timeBase: VideoRational
    /// The source's average frame rate (0/1 when the header has none).
    public let frameRate: VideoRational

    // Decoding state, internal so the frame loop can live in VideoDecoder+Frames.swift.
    let lock = NSLock()
    let input: VideoInput
    let streamIndex: Int32
    private let codecObject: LibavObject<AVCodecContext>
    private let packetObject: LibavObject<AVPacket>
    private let frameObject: LibavObject<AVFrame>
    var codec: UnsafeMutablePointer<AVCodecContext> { codecObject.pointer }
    var packet: UnsafeMutablePointer<AVPacket> { packetObject.pointer }
    var frame: UnsafeMutablePointer<AVFrame> { frameObject.pointer }
    /// Frame size before turning upright: what the scaler produces.
    let scaledSize: VideoFrameSize
    let orientation: ExifOrientation
    let converter = PixelConverter()
    let strict: Bool
    /// The frames this decoder returns; the others are decoded (as references) and dropped.
    let range: VideoTimestampRange
    var framesOut = 0
    var packetsIn = 0
    var sentEndOfStream = false
    var finished = false
    var failure: (any Error)? = nil
    var lastTime: Double? = nil
    var lastPixelFormat: String? = nil

    /// Opens `url` for decoding.
    ///
    /// - Parameters:
    ///   - outputMaxSide: fit frames so the long side is at most this (never upscaled); nil keeps
    ///     the source size. Either way both sides come out even, as H.264 yuv420p requires.
    ///   - maxPixels: refuse coded frames larger than this before allocating a decoder.
    ///   - strict: treat any damaged packet as `VideoError.corruptStream` instead of letting the
    ///     codec conceal it (concealed errors show up as smeared blocks in the result).
    ///   - threadCount: decoder threads; 0 lets FFmpeg choose.
    ///   - range: only the frames whose timestamps lie in it; a start should be a keyframe's
    ///     timestamp (`VideoSegmentPlan`), where decoding begins after a seek.
    public init(url: URL, outputMaxSide: Int? = nil, maxPixels: Int? = nil,
                strict: Bool = true, threadCount: Int = 0, range: VideoTimestampRange = .all) throws {
        if let outputMaxSide, outputMaxSide < 2 {
            throw VideoError.invalidParameter("outputMaxSide must be at least 2, got \(outputMaxSide)")
        }
        input = try VideoInput(url: url)
        let stream = try input.videoStream(maxPixels: maxPixels)
        sourceWidth = Int(stream.pointee.codecpar.pointee.width)
        sourceHeight = Int(stream.pointee.codecpar.pointee.height)
        streamIndex = stream.pointee.index
        rotation = VideoInput.rotation(of: stream)
        timeBase = Libav.rational(stream.pointee.time_base)
        frameRate = VideoInput.headerFrameRate(of: stream) ?? VideoRational(0, 1)
        let quarterTurned = rotation % 180 != 0
        outputSize = VideoFrameSize.fitting(
            width: quarterTurned ? sourceHeight : sourceWidth,
            height: quarterTurned ? sourceWidth : sourceHeight,
            maxSide: outputMaxSide)
        self.strict = strict
        self.range = range

        // Rotation happens after scaling (fewer pixels to move), so the scaler targets the
        // un-rotated orientation of the output size.
        scaledSize = quarterTurned ? VideoFrameSize(width: outputSize.height, height: outputSize.width) : outputSize
        orientation = Self.orientation(clockwise: rotation)
        codecObject = try Self.openCodec(stream: stream, strict: strict, maxPixels: maxPixels, threadCount: threadCount)
        packetObject = try .packet()
        frameObject = try .frame()
        if let start = range.start {
            // Backward: onto the keyframe at or before `start`, so every frame from it on decodes.
            try Libav.check(av_seek_frame(input.context, streamIndex, start, AVSEEK_FLAG_BACKWARD), "av_seek_frame")
        }
    }

    /// The EXIF orientation that turns a picture upright when players rotate it clockwise by `degrees`.
    private static func orientation(clockwise degrees: Int) -> ExifOrientation {
        switch degrees {
        case 90: .right
        case 180: .down
        case 270: .left
        default: .up
        }
    }

    private static func openCodec(stream: UnsafeMutablePointer<AVStream>, strict: Bool, maxPixels: Int?,
                                  threadCount: Int) throws -> LibavObject<AVCodecContext> {
        let codecID = stream.pointee.codecpar.pointee.codec_id
        guard let decoder = avcodec_find_decoder(codecID) else {
            throw VideoError.unsupportedCodec(Libav.codecName(codecID))
        }
        let owned = try LibavObject.codecContext(decoder)
        let context = owned.pointer
        try Libav.check(avcodec_parameters_to_context(context, stream.pointee.codecpar), "avcodec_parameters_to_context")
        context.pointee.pkt_timebase = stream.pointee.time_base
        context.pointee.thread_count = Int32(clamping: threadCount)
        // Defence in depth: libavcodec refuses frames over this even if the header lied.
        if let maxPixels { context.pointee.max_pixels = Int64(maxPixels) }
        if strict { context.pointee.err_recognition |= AV_EF_EXPLODE }
        try Libav.check(avcodec_open2(context, decoder, nil), "avcodec_open2")
        return owned
    }
}
