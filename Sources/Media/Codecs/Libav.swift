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

    /// `AVERROR_DECODER_NOT_FOUND`, i.e. `FFERRTAG(0xF8, 'D', 'E', 'C')` (macros do not import).
    static let decoderNotFound: Int32 = -Int32(bitPattern: 0xF8 | UInt32(UInt8(ascii: "D")) << 8 | UInt32(UInt8(ascii: "E")) << 16 | UInt32(UInt8(ascii: "C")) << 24)

    /// Whether a pixel format carries transparency that must be composited away.
    static func hasAlpha(_ format: AVPixelFormat) -> Bool {
        if format == AV_PIX_FMT_PAL8 { return true }  // palette entries may be translucent (tRNS)
        guard let descriptor = av_pix_fmt_desc_get(format) else { return false }
        return descriptor.pointee.flags & UInt64(AV_PIX_FMT_FLAG_ALPHA) != 0
    }
}
