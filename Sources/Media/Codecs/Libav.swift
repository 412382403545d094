import CFFmpeg

/// Small helpers shared by the libav* wrappers.
enum Libav {
    /// libav's text for an `AVERROR` code.
    static func describe(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        av_strerror(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static var eagain: Int32 { cffmpeg_averror_eagain() }
    static var eof: Int32 { cffmpeg_averror_eof() }

    /// Whether a pixel format carries transparency that must be composited away.
    static func hasAlpha(_ format: AVPixelFormat) -> Bool {
        if format == AV_PIX_FMT_PAL8 { return true }  // palette entries may be translucent (tRNS)
        guard let descriptor = av_pix_fmt_desc_get(format) else { return false }
        return descriptor.pointee.flags & UInt64(AV_PIX_FMT_FLAG_ALPHA) != 0
    }
}
