import CFFmpeg

/// Small helpers shared by the libav* wrappers (images and video).
enum Libav {
    /// libav's text for an `AVERROR` code.
    static func describe(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        av_strerror(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static let eagain = cffmpeg_averror_eagain()
    static let eof = cffmpeg_averror_eof()
    static let noPTS = cffmpeg_nopts_value()

    /// The codec's short name, e.g. `h264`, `aac`.
    static func codecName(_ id: AVCodecID) -> String {
        String(cString: avcodec_get_name(id))
    }

    /// A pixel format's name, e.g. `yuv420p`.
    static func pixelFormatName(_ format: AVPixelFormat) -> String {
        guard let text = av_get_pix_fmt_name(format) else { return "format \(format.rawValue)" }
        return String(cString: text)
    }

    /// Whether a pixel format carries transparency that must be composited away.
    static func hasAlpha(_ format: AVPixelFormat) -> Bool {
        if format == AV_PIX_FMT_PAL8 { return true }  // palette entries may be translucent (tRNS)
        guard let descriptor = av_pix_fmt_desc_get(format) else { return false }
        return descriptor.pointee.flags & UInt64(AV_PIX_FMT_FLAG_ALPHA) != 0
    }
}

extension Libav {
    /// Zeroes a frame's buffers. Row padding is never written by us but is read by SIMD code
    /// (swscale, x264); keeping it defined keeps valgrind quiet and output deterministic.
    static func clearBuffers(of frame: UnsafeMutablePointer<AVFrame>) {
        let buffers = [frame.pointee.buf.0, frame.pointee.buf.1, frame.pointee.buf.2, frame.pointee.buf.3]
        for buffer in buffers.compactMap({ $0 }) { memset(buffer.pointee.data, 0, buffer.pointee.size) }
    }
}
