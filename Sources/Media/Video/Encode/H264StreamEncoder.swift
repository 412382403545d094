import CFFmpeg

/// The video half of `VideoEncoder`: RGB24 → yuv420p or yuv444p (swscale) → H.264 packets for one stream
/// of an `VideoOutputFile`. Prefers libx264, falls back to any H.264 encoder, then MPEG-4 Part 2.
final class H264StreamEncoder {
    let codecName: String
    let stream: UnsafeMutablePointer<AVStream>
    let context: UnsafeMutablePointer<AVCodecContext>
    let width: Int
    let height: Int
    private let picture: UnsafeMutablePointer<AVFrame>
    /// Padded RGB copy of the caller's pixels: swscale's SIMD reads past the end of each row, so
    /// it must never read straight from a Swift array.
    private let staging: UnsafeMutablePointer<AVFrame>
    private let packet: UnsafeMutablePointer<AVPacket>
    private let scaler: OpaquePointer

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

        guard let context = avcodec_alloc_context3(encoder) else {
            throw VideoError.libav(operation: "avcodec_alloc_context3", code: 0, message: "out of memory")
        }
        self.context = context
        guard let picture = av_frame_alloc(), let staging = av_frame_alloc(), let packet = av_packet_alloc() else {
            var owned: UnsafeMutablePointer<AVCodecContext>? = context
            avcodec_free_context(&owned)
            throw VideoError.libav(operation: "av_frame_alloc", code: 0, message: "out of memory")
        }
        self.picture = picture
        self.staging = staging
        self.packet = packet
        let pixelFormat = settings.chroma == .yuv444 ? AV_PIX_FMT_YUV444P : AV_PIX_FMT_YUV420P
        guard let scaler = sws_getContext(Int32(width), Int32(height), AV_PIX_FMT_RGB24,
                                          Int32(width), Int32(height), pixelFormat,
                                          SWS_BICUBIC | SWS_ACCURATE_RND, nil, nil, nil) else {
            var ownedContext: UnsafeMutablePointer<AVCodecContext>? = context
            avcodec_free_context(&ownedContext)
            var ownedPicture: UnsafeMutablePointer<AVFrame>? = picture
            av_frame_free(&ownedPicture)
            var ownedStaging: UnsafeMutablePointer<AVFrame>? = staging
            av_frame_free(&ownedStaging)
            var ownedPacket: UnsafeMutablePointer<AVPacket>? = packet
            av_packet_free(&ownedPacket)
            throw VideoError.libav(operation: "sws_getContext", code: 0, message: "cannot convert RGB24 to \(settings.chroma)")
        }
        self.scaler = scaler
        // BT.709 limited range, and tagged as such, so decoders (ours included) convert back
        // with the same matrix.
        let bt709 = sws_getCoefficients(SWS_CS_ITU709)
        _ = sws_setColorspaceDetails(scaler, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16)

        try configure(encoder: encoder, output: output, pixelFormat: pixelFormat, frameRate: frameRate,
                      timeBase: timeBase, settings: settings)
    }

    deinit {
        sws_freeContext(scaler)
        var context: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&context)
        var picture: UnsafeMutablePointer<AVFrame>? = picture
        av_frame_free(&picture)
        var staging: UnsafeMutablePointer<AVFrame>? = staging
        av_frame_free(&staging)
        var packet: UnsafeMutablePointer<AVPacket>? = packet
        av_packet_free(&packet)
    }

    private func configure(encoder: UnsafePointer<AVCodec>, output: VideoOutputFile, pixelFormat: AVPixelFormat, frameRate: VideoRational,
                           timeBase: VideoRational, settings: VideoEncoder.Settings) throws {
        let isMPEG4 = encoder.pointee.id == AV_CODEC_ID_MPEG4
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.pix_fmt = pixelFormat
        context.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        context.pointee.framerate = LibAV.avRational(frameRate)
        // MPEG-4 Part 2 cannot express time bases finer than 1/65535; it gets the frame period.
        context.pointee.time_base = isMPEG4 && timeBase.denominator > 65_535
            ? av_inv_q(LibAV.avRational(frameRate)) : LibAV.avRational(timeBase)
        context.pointee.thread_count = Int32(clamping: settings.threadCount)
        context.pointee.colorspace = AVCOL_SPC_BT709
        context.pointee.color_primaries = AVCOL_PRI_BT709
        context.pointee.color_trc = AVCOL_TRC_BT709
        context.pointee.color_range = AVCOL_RANGE_MPEG
        if output.needsGlobalHeader { context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        var options: OpaquePointer? = nil
        defer { av_dict_free(&options) }
        if codecName == "libx264" {
            av_dict_set(&options, "preset", settings.preset, 0)
            av_dict_set(&options, "crf", String(settings.crf), 0)
        } else {
            context.pointee.bit_rate = Int64(Double(width * height) * max(frameRate.doubleValue, 1) * 0.15)
        }
        try LibAV.check(avcodec_open2(context, encoder, &options), "avcodec_open2(\(codecName))")
        try LibAV.check(avcodec_parameters_from_context(stream.pointee.codecpar, context), "avcodec_parameters_from_context")
        stream.pointee.time_base = context.pointee.time_base
        stream.pointee.avg_frame_rate = context.pointee.framerate

        picture.pointee.format = pixelFormat.rawValue
        picture.pointee.width = Int32(width)
        picture.pointee.height = Int32(height)
        picture.pointee.colorspace = AVCOL_SPC_BT709
        picture.pointee.color_range = AVCOL_RANGE_MPEG
        try LibAV.check(av_frame_get_buffer(picture, 0), "av_frame_get_buffer")
        staging.pointee.format = AV_PIX_FMT_RGB24.rawValue
        staging.pointee.width = Int32(width)
        staging.pointee.height = Int32(height)
        try LibAV.check(av_frame_get_buffer(staging, 0), "av_frame_get_buffer")
        // Row padding is never written by us but is read by SIMD code; keep it defined.
        for frame in [staging, picture] {
            let buffers = [frame.pointee.buf.0, frame.pointee.buf.1, frame.pointee.buf.2, frame.pointee.buf.3]
            for buffer in buffers.compactMap({ $0 }) { memset(buffer.pointee.data, 0, buffer.pointee.size) }
        }

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
    func encode(rgb pixels: [UInt8], pts: Int64, into output: VideoOutputFile) throws {
        try LibAV.check(av_frame_make_writable(picture), "av_frame_make_writable")
        let rowBytes = width * 3
        let stride = Int(staging.pointee.linesize.0)
        if let target = staging.pointee.data.0 {
            pixels.withUnsafeBufferPointer { rgb in
                for row in 0..<height {
                    (target + row * stride).update(from: rgb.baseAddress! + row * rowBytes, count: rowBytes)
                }
            }
        }
        try LibAV.check(sws_scale_frame(scaler, picture, staging), "sws_scale_frame")
        picture.pointee.pts = pts
        try LibAV.check(avcodec_send_frame(context, picture), "avcodec_send_frame")
        try drain(into: output)
    }

    /// Signals the end of input and writes the encoder's delayed packets.
    func flush(into output: VideoOutputFile) throws {
        try LibAV.check(avcodec_send_frame(context, nil), "avcodec_send_frame(flush)")
        try drain(into: output)
    }

    private func drain(into output: VideoOutputFile) throws {
        while true {
            let status = avcodec_receive_packet(context, packet)
            if status == LibAV.again || status == LibAV.eof { return }
            try LibAV.check(status, "avcodec_receive_packet")
            av_packet_rescale_ts(packet, context.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            try output.write(packet)
        }
    }
}
