import CFFmpeg
import Foundation

/// Encodes one RGB picture as PNG (libavcodec's own encoder) or WebP (the libwebp wrapper).
enum LibavImageEncoder {
    static func encode(_ image: RGBImage, as format: ImageFormat, quality: Int) throws -> Data {
        let codec: UnsafePointer<AVCodec>?
        let pixelFormat: AVPixelFormat
        switch format {
        case .png:
            codec = avcodec_find_encoder(AV_CODEC_ID_PNG)
            pixelFormat = AV_PIX_FMT_RGB24
        case .webp:
            codec = avcodec_find_encoder_by_name("libwebp")
            pixelFormat = AV_PIX_FMT_YUV420P
        case .jpeg:
            preconditionFailure("JPEG is encoded by TurboJPEG")
        }
        guard let codec else { throw MediaError.encoderUnavailable(format) }
        var context = avcodec_alloc_context3(codec)
        defer { avcodec_free_context(&context) }
        var frame = av_frame_alloc()
        defer { av_frame_free(&frame) }
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let context, let frame, let packet else { throw MediaError.encodingFailed(format: format, reason: "out of memory") }

        context.pointee.width = Int32(image.width)
        context.pointee.height = Int32(image.height)
        context.pointee.pix_fmt = pixelFormat
        context.pointee.time_base = AVRational(num: 1, den: 1)
        context.pointee.thread_count = 1
        switch format {
        case .png:
            // Measured on a 1 MP photo: "up" prediction at zlib level 3 is ~4x faster than the
            // paeth/level 6 combination and only ~5% larger; "none" is 2x larger.
            av_opt_set(context.pointee.priv_data, "pred", "up", 0)
            context.pointee.compression_level = 3
        case .webp:
            context.pointee.global_quality = Int32(quality) * FF_QP2LAMBDA
        case .jpeg:
            break
        }
        var status = avcodec_open2(context, codec, nil)
        guard status >= 0 else { throw failure(format, status) }

        frame.pointee.format = pixelFormat.rawValue
        frame.pointee.width = Int32(image.width)
        frame.pointee.height = Int32(image.height)
        status = av_frame_get_buffer(frame, 0)
        guard status >= 0 else { throw failure(format, status) }
        try PixelConverter().convert(image, into: frame)

        status = avcodec_send_frame(context, frame)
        guard status >= 0 else { throw failure(format, status) }
        status = avcodec_send_frame(context, nil)
        guard status >= 0 else { throw failure(format, status) }
        var output = Data()
        while true {
            status = avcodec_receive_packet(context, packet)
            if status == Libav.eof || status == Libav.eagain { break }
            guard status >= 0 else { throw failure(format, status) }
            output.append(packet.pointee.data, count: Int(packet.pointee.size))
            av_packet_unref(packet)
        }
        guard !output.isEmpty else { throw MediaError.encodingFailed(format: format, reason: "the encoder produced no data") }
        return output
    }

    private static func failure(_ format: ImageFormat, _ status: Int32) -> MediaError {
        .encodingFailed(format: format, reason: Libav.describe(status))
    }
}
