import CFFmpeg
import Foundation

/// Decodes single PNG and WebP pictures with libavcodec and converts whatever pixel format the
/// decoder produces (palette, grey, 16-bit, YUV 4:2:0, with or without alpha) to RGB24.
enum LibavImageDecoder {
    /// `info` must come from `ImageProbe` on the same bytes and have passed `limits`.
    static func decode(_ data: Data, info: ImageInfo, limits: DecodeLimits) throws -> RGBImage {
        let format = info.format
        let codecID = format == .png ? AV_CODEC_ID_PNG : AV_CODEC_ID_WEBP
        guard let codec = avcodec_find_decoder(codecID) else {
            throw MediaError.unsupportedFormat("\(format.rawValue.uppercased()) (no decoder in libavcodec)")
        }
        guard data.count < Int(Int32.max) else { throw MediaError.corruptData(format: format, reason: "larger than 2 GB") }
        var context = avcodec_alloc_context3(codec)
        defer { avcodec_free_context(&context) }
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        var frame = av_frame_alloc()
        defer { av_frame_free(&frame) }
        guard let context, let packet, let frame else { throw MediaError.conversionFailed("out of memory") }

        // Defence in depth: libavcodec refuses frames over this even if a header lied to us.
        context.pointee.max_pixels = Int64(limits.maxPixels)
        context.pointee.thread_count = 1
        var status = avcodec_open2(context, codec, nil)
        guard status >= 0 else { throw corrupt(format, status) }

        status = av_new_packet(packet, Int32(data.count))
        guard status >= 0 else { throw corrupt(format, status) }
        data.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(packet.pointee.data).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
        }
        status = avcodec_send_packet(context, packet)
        guard status >= 0 else { throw corrupt(format, status) }
        _ = avcodec_send_packet(context, nil)  // drain: single-picture codecs may hold the frame
        status = avcodec_receive_frame(context, frame)
        guard status >= 0 else { throw corrupt(format, status) }
        guard Int(frame.pointee.width) == info.width, Int(frame.pointee.height) == info.height else {
            throw MediaError.corruptData(
                format: format, reason: "decoded \(frame.pointee.width)x\(frame.pointee.height), header says \(info.width)x\(info.height)")
        }
        return try rgb(from: frame, format: format)
    }

    /// Converts a decoded frame to RGB24, compositing any alpha over white.
    private static func rgb(from frame: UnsafeMutablePointer<AVFrame>, format: ImageFormat) throws -> RGBImage {
        let width = Int(frame.pointee.width), height = Int(frame.pointee.height)
        let pixelFormat = AVPixelFormat(rawValue: frame.pointee.format)
        let alpha = Libav.hasAlpha(pixelFormat)
        let output = try PixelConverter().packedPixels(
            from: frame, width: width, height: height, format: alpha ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24, algorithm: SWS_POINT)
        guard alpha else {
            return RGBImage(validatedWidth: width, height: height, pixels: output)
        }
        let composited = output.withUnsafeBufferPointer {
            PixelKernels.rgb(fromRGBA: $0, pixelCount: width * height, over: .white)
        }
        return RGBImage(validatedWidth: width, height: height, pixels: composited)
    }

    private static func corrupt(_ format: ImageFormat, _ status: Int32) -> MediaError {
        .corruptData(format: format, reason: Libav.describe(status))
    }
}
