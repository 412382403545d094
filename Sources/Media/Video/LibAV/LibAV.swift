import CFFmpeg

/// Small helpers around libav* return codes.
enum LibAV {
    /// FFmpeg's text for an error code (`av_strerror`).
    static func message(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        av_strerror(code, &buffer, buffer.count)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Throws `VideoError.libav` for a negative return code; passes non-negative ones through.
    @discardableResult
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
        guard code < 0 else { return code }
        throw VideoError.libav(operation: operation(), code: code, message: message(code))
    }

    static func codecName(_ id: AVCodecID) -> String {
        String(cString: avcodec_get_name(id))
    }

    static func rational(_ value: AVRational) -> VideoRational {
        VideoRational(Int(value.num), Int(value.den))
    }

    static func avRational(_ value: VideoRational) -> AVRational {
        AVRational(num: Int32(clamping: value.numerator), den: Int32(clamping: value.denominator))
    }

    static let eof = cffmpeg_averror_eof()
    static let again = cffmpeg_averror_eagain()
    static let invalidData = cffmpeg_averror_invaliddata()
    static let noPTS = cffmpeg_nopts_value()
}
