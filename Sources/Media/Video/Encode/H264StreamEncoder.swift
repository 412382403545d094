import CFFmpeg

/// The video half of `VideoEncoder`: RGB24 → yuv420p or yuv444p (swscale) → H.264 packets for one stream
/// of an `VideoOutputFile`. Prefers libx264, falls back to any H.264 encoder, then MPEG-4 Part 2.
final class H264StreamEncoder {
    let codecName: String
    let stream: UnsafeMutablePointer<AVStream>
    let width: Int
    let height: Int
    private let contextObject: LibavObject<AVCodecContext>
    private let pictureObject: LibavObject<AVFrame>
    private let packetObject: LibavObject<AVPacket>
    var context: UnsafeMutablePointer<AVCodecContext> { contextObject.pointer }
    private var picture: UnsafeMutablePointer<AVFrame> { pictureObject.pointer }
    private var packet: UnsafeMutablePointer<AVPacket> { packetObject.pointer }
    private let converter = PixelConverter()
    /// BT.709 limited range, and tagged as such, so decoders (ours included) convert back with
    /// the same matrix.
    private static let colour = PixelConverter.Colour(destinationMatrix: SWS_CS_ITU709, destinationFullRange: false)

    init(output: VideoOutputFile, width: Int, height: Int, frameRate: VideoRational,
         timeBase: VideoRational, settings: VideoEncoder.Settings) throws {
        self.width = width
        self.height = height
        guard let encoder = avcodec_find_encoder_by_name("libx264")
                ?? avcodec_find_encoder(AV_CODEC_ID_H264)
                ?? avcodec_find_encoder(AV_CODEC_ID_MPEG4)
        else { throw VideoError.encoderUnavailable }
        codecName = String(cString: encoder.pointee.name)
        stream = try output.addStream()

        contextObject = try .codecContext(encoder)
        pictureObject = try .frame()
        packetObject = try .packet()
        let pixelFormat = settings.chroma == .yuv444 ? AV_PIX_FMT_YUV444P : AV_PIX_FMT_YUV420P
        try configure(encoder: encoder, output: output, pixelFormat: pixelFormat, frameRate: frameRate,
                      timeBase: timeBase, settings: settings)
    }

    private func configure(encoder: UnsafePointer<AVCodec>, output: VideoOutputFile, pixelFormat: AVPixelFormat, frameRate: VideoRational,
                           timeBase: VideoRational, settings: VideoEncoder.Settings) throws {
        let isMPEG4 = encoder.pointee.id == AV_CODEC_ID_MPEG4
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.pix_fmt = pixelFormat
        context.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        context.pointee.framerate = Libav.avRational(frameRate)
        // MPEG-4 Part 2 cannot express time bases finer than 1/65535; it gets the frame period.
        context.pointee.time_base = isMPEG4 && timeBase.denominator > 65_535
            ? av_inv_q(Libav.avRational(frameRate)) : Libav.avRational(timeBase)
        context.pointee.thread_count = Int32(clamping: settings.threadCount)
        context.pointee.colorspace = AVCOL_SPC_BT709
        context.pointee.color_primaries = AVCOL_PRI_BT709
        context.pointee.color_trc = AVCOL_TRC_BT709
        context.pointee.color_range = AVCOL_RANGE_MPEG
        if output.needsGlobalHeader { context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        if !settings.reordersFrames { context.pointee.max_b_frames = 0 }
        if settings.keyframeInterval > 0 { context.pointee.gop_size = Int32(clamping: settings.keyframeInterval) }
        var options: OpaquePointer? = nil
        defer { av_dict_free(&options) }
        if codecName == "libx264" {
            av_dict_set(&options, "preset", settings.preset, 0)
            av_dict_set(&options, "crf", String(settings.crf), 0)
        } else {
            context.pointee.bit_rate = Int64(Double(width * height) * max(frameRate.doubleValue, 1) * 0.15)
        }
        try Libav.check(avcodec_open2(context, encoder, &options), "avcodec_open2(\(codecName))")
        try Libav.check(avcodec_parameters_from_context(stream.pointee.codecpar, context), "avcodec_parameters_from_context")
        stream.pointee.time_base = context.pointee.time_base
        stream.pointee.avg_frame_rate = context.pointee.framerate

        picture.pointee.format = pixelFormat.rawValue
        picture.pointee.width = Int32(width)
        picture.pointee.height = Int32(height)
        picture.pointee.colorspace = AVCOL_SPC_BT709
        picture.pointee.color_range = AVCOL_RANGE_MPEG
        try Libav.check(av_frame_get_buffer(picture, 0), "av_frame_get_buffer")
        Libav.clearBuffers(of: picture)

        if settings.rotation != 0 {
            try writeDisplayMatrix(rotation: settings.rotation)
        }
    }

    /// Records a clockwise display rotation. FFmpeg 5.1's MP4 muxer copies display-matrix side
    /// data into `tkhd` verbatim and ignores the old `rotate` tag, so we hand it the QuickTime
    /// matrix itself (16.16 fixed point, with the translation that keeps the picture in view),
    /// the same one phones write for portrait video; demuxers read it back as that rotation.
    private func writeDisplayMatrix(rotation: Int) throws {
        let one: Int32 = 1 << 16, w = Int32(width) << 16, h = Int32(height) << 16
        let matrix: [Int32]
        switch rotation {
        case 90: matrix = [0, one, 0, -one, 0, 0, h, 0, 1 << 30]
        case 180: matrix = [-one, 0, 0, 0, -one, 0, w, h, 1 << 30]
        default: matrix = [0, -one, 0, one, 0, 0, 0, w, 1 << 30]
        }
        guard let data = av_stream_new_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4) else {
            throw VideoError.libav(operation: "av_stream_new_side_data", code: 0, message: "out of memory")
        }
        matrix.withUnsafeBytes { UnsafeMutableRawPointer(data).copyMemory(from: $0.baseAddress!, byteCount: 9 * 4) }
    }

    /// Converts and submits one picture with presentation time `pts` (codec time base), then
    /// writes whatever packets the encoder has ready.
    func encode(_ image: RGBImage, pts: Int64, into output: VideoOutputFile) throws {
        try Libav.check(av_frame_make_writable(picture), "av_frame_make_writable")
        try converter.convert(image, into: picture, colour: Self.colour)
        picture.pointee.pts = pts
        try Libav.check(avcodec_send_frame(context, picture), "avcodec_send_frame")
        try drain(into: output)
    }

    /// Signals the end of input and writes the encoder's delayed packets.
    func flush(into output: VideoOutputFile) throws {
        try Libav.check(avcodec_send_frame(context, nil), "avcodec_send_frame(flush)")
        try drain(into: output)
    }

    private func drain(into output: VideoOutputFile) throws {
        while true {
            let status = avcodec_receive_packet(context, packet)
            if status == Libav.eagain || status == Libav.eof { return }
            try Libav.check(status, "avcodec_receive_packet")
            av_packet_rescale_ts(packet, context.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            try output.write(packet)
        }
    }
}
