import CFFmpeg
import Foundation

/// Writes RGB frames to an H.264 MP4 file (moov atom first, so it streams). Frames must all
/// have the writer's size; odd sizes are cropped by one pixel to the even size 4:2:0 needs.
/// One writer belongs to one task at a time; call `finish()` to complete the file.
public final class VideoWriter {
    /// The encoded frame size (the requested size rounded down to even numbers).
    public let width: Int
    public let height: Int
    /// Frames appended so far.
    public private(set) var framesWritten = 0

    private let requestedWidth: Int
    private let requestedHeight: Int
    private var output: UnsafeMutablePointer<AVFormatContext>?
    private var codec: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private let stream: UnsafeMutablePointer<AVStream>
    private var scaler: OpaquePointer?
    private var finished = false
    private var headerWritten = false

    /// Creates (truncates) `url` and prepares the encoder.
    ///
    /// - Throws: `MediaError.invalidDimensions` (sides under 2 or over 16384),
    ///   `.invalidParameter`, `.encoderUnavailable`, `.videoEncodingFailed`, `.unreadableFile`.
    public init(url: URL, width: Int, height: Int, options: VideoEncodingOptions) throws {
        guard width >= 2, height >= 2, width <= 16_384, height <= 16_384 else {
            throw MediaError.invalidDimensions(width: width, height: height)
        }
        guard options.frameRate > 0, options.frameRate <= 240 else {
            throw MediaError.invalidParameter(name: "frame_rate", value: "\(options.frameRate)", allowed: "0 < rate <= 240")
        }
        guard (0...51).contains(options.constantRateFactor) else {
            throw MediaError.invalidParameter(name: "crf", value: "\(options.constantRateFactor)", allowed: "0...51")
        }
        requestedWidth = width
        requestedHeight = height
        self.width = width & ~1
        self.height = height & ~1

        var context: UnsafeMutablePointer<AVFormatContext>?
        var status = avformat_alloc_output_context2(&context, nil, "mp4", url.path)
        guard status >= 0, let context else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        output = context
        guard let encoder = avcodec_find_encoder_by_name("libx264"),
              let stream = avformat_new_stream(context, nil)
        else {
            avformat_free_context(context)
            throw MediaError.videoEncodingFailed(reason: "libavcodec has no libx264 encoder")
        }
        self.stream = stream
        codec = avcodec_alloc_context3(encoder)
        frame = av_frame_alloc()
        packet = av_packet_alloc()
        guard let codec, let frame, packet != nil else { throw MediaError.videoEncodingFailed(reason: "out of memory") }

        let rate = av_d2q(options.frameRate, 100_000)
        codec.pointee.width = Int32(self.width)
        codec.pointee.height = Int32(self.height)
        codec.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        codec.pointee.time_base = AVRational(num: rate.den, den: rate.num)
        codec.pointee.framerate = rate
        codec.pointee.thread_count = Int32(options.threads)
        codec.pointee.colorspace = AVCOL_SPC_BT709
        codec.pointee.color_primaries = AVCOL_PRI_BT709
        codec.pointee.color_trc = AVCOL_TRC_BT709
        codec.pointee.color_range = AVCOL_RANGE_MPEG
        if context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 {
            codec.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
        }
        av_opt_set(codec.pointee.priv_data, "preset", options.preset, 0)
        av_opt_set(codec.pointee.priv_data, "crf", "\(options.constantRateFactor)", 0)
        status = avcodec_open2(codec, encoder, nil)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: "cannot open libx264: \(Libav.describe(status))") }
        status = avcodec_parameters_from_context(stream.pointee.codecpar, codec)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        stream.pointee.time_base = codec.pointee.time_base
        stream.pointee.avg_frame_rate = rate

        status = avio_open(&context.pointee.pb, url.path, AVIO_FLAG_WRITE)
        guard status >= 0 else { throw MediaError.unreadableFile(path: url.path, reason: Libav.describe(status)) }
        var muxerOptions: OpaquePointer?
        defer { av_dict_free(&muxerOptions) }
        av_dict_set(&muxerOptions, "movflags", "+faststart", 0)
        status = avformat_write_header(context, &muxerOptions)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        headerWritten = true

        frame.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        frame.pointee.width = Int32(self.width)
        frame.pointee.height = Int32(self.height)
        status = av_frame_get_buffer(frame, 0)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        scaler = sws_getContext(
            Int32(self.width), Int32(self.height), AV_PIX_FMT_RGB24, Int32(self.width), Int32(self.height), AV_PIX_FMT_YUV420P,
            SWS_BICUBIC | PixelConverter.precise, nil, nil, nil)
        guard let scaler else { throw MediaError.videoEncodingFailed(reason: "no RGB to YUV conversion") }
        sws_setColorspaceDetails(scaler, sws_getCoefficients(SWS_CS_DEFAULT), 1, sws_getCoefficients(SWS_CS_ITU709), 0, 0, 1 << 16, 1 << 16)
    }

    deinit {
        if let output {
            if headerWritten && !finished { av_write_trailer(output) }
            if output.pointee.pb != nil { avio_closep(&output.pointee.pb) }
            avformat_free_context(output)
        }
        sws_freeContext(scaler)
        av_frame_free(&frame)
        av_packet_free(&packet)
        avcodec_free_context(&codec)
    }

    /// Encodes one frame. It must be `width` x `height` as requested at creation.
    public func append(_ image: RGBImage) throws {
        guard !finished else { throw MediaError.videoEncodingFailed(reason: "the writer is already finished") }
        guard image.width == requestedWidth, image.height == requestedHeight else {
            throw MediaError.invalidDimensions(width: image.width, height: image.height)
        }
        guard let codec, let frame else { return }
        var status = av_frame_make_writable(frame)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        let planes = withUnsafeBytes(of: frame.pointee.data) { Array($0.bindMemory(to: UnsafeMutablePointer<UInt8>?.self)) }
        let strides = withUnsafeBytes(of: frame.pointee.linesize) { Array($0.bindMemory(to: Int32.self)) }
        let rows = image.pixels.withUnsafeBufferPointer { pixels in
            let sources: [UnsafePointer<UInt8>?] = [pixels.baseAddress, nil, nil, nil]
            // The source stride stays the full row, so an odd last column is simply skipped.
            let sourceStrides: [Int32] = [Int32(image.bytesPerRow), 0, 0, 0]
            return sws_scale(scaler, sources, sourceStrides, 0, Int32(height), Array(planes.prefix(4)), Array(strides.prefix(4)))
        }
        guard rows == Int32(height) else { throw MediaError.videoEncodingFailed(reason: "colour conversion failed") }
        frame.pointee.pts = Int64(framesWritten)
        status = avcodec_send_frame(codec, frame)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        framesWritten += 1
        try writePendingPackets()
    }

    /// Flushes the encoder and completes the file. Appending afterwards throws.
    public func finish() throws {
        guard !finished, let codec, let output else { return }
        finished = true
        var status = avcodec_send_frame(codec, nil)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        try writePendingPackets()
        status = av_write_trailer(output)
        guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
        avio_closep(&output.pointee.pb)
    }

    private func writePendingPackets() throws {
        guard let codec, let packet, let output else { return }
        while true {
            let status = avcodec_receive_packet(codec, packet)
            if status == Libav.eagain || status == Libav.eof { return }
            guard status >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(status)) }
            av_packet_rescale_ts(packet, codec.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            let written = av_interleaved_write_frame(output, packet)  // takes ownership of the packet data
            guard written >= 0 else { throw MediaError.videoEncodingFailed(reason: Libav.describe(written)) }
        }
    }
}
