import CFFmpeg

extension Libav {
    /// Throws `VideoError.libav` for a negative return code; passes non-negative ones through.
    @discardableResult
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
        guard code < 0 else { return code }
        throw VideoError.libav(operation: operation(), code: code, message: describe(code))
    }

    static func rational(_ value: AVRational) -> VideoRational {
        VideoRational(Int(value.num), Int(value.den))
    }

    static func avRational(_ value: VideoRational) -> AVRational {
        AVRational(num: Int32(clamping: value.numerator), den: Int32(clamping: value.denominator))
    }
}
