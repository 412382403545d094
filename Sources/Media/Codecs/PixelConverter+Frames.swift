import CFFmpeg

extension PixelConverter {
    /// The planes of a libav frame.
    static func planes(of frame: UnsafeMutablePointer<AVFrame>) -> Planes {
        let data = withUnsafeBytes(of: frame.pointee.data) { Array($0.bindMemory(to: UnsafeMutablePointer<UInt8>?.self)) }
        let strides = withUnsafeBytes(of: frame.pointee.linesize) { Array($0.bindMemory(to: Int32.self)) }
        return Planes(format: AVPixelFormat(rawValue: frame.pointee.format), width: Int(frame.pointee.width),
                      height: Int(frame.pointee.height), data: data, strides: strides)
    }

    /// A decoded picture as tightly packed `format` pixels (RGB24 or RGBA) of `width` x `height`.
    func packedPixels(from frame: UnsafeMutablePointer<AVFrame>, width: Int, height: Int,
                      format: AVPixelFormat = AV_PIX_FMT_RGB24, algorithm: Int32,
                      flags: Int32 = PixelConverter.precise, colour: Colour? = nil) throws -> [UInt8] {
        let channels = format == AV_PIX_FMT_RGBA ? 4 : 3
        return try packedPixels(width: width, height: height, channels: channels) { destination in
            try scale(Self.planes(of: frame),
                      into: Planes(format: format, width: width, height: height, data: [destination],
                                   strides: [Int32(width * channels)]),
                      algorithm: algorithm, flags: flags, colour: colour)
        }
    }

    /// How to read a decoded video picture's YUV as RGB: its tagged matrix and range; untagged
    /// HD is BT.709 and untagged SD BT.601, as players assume.
    static func colour(ofVideoFrame frame: UnsafeMutablePointer<AVFrame>) -> Colour {
        let space = frame.pointee.colorspace
        let untagged = space == AVCOL_SPC_UNSPECIFIED || space == AVCOL_SPC_RGB
        let matrix = untagged ? (frame.pointee.height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601) : Int32(space.rawValue)
        return Colour(sourceMatrix: matrix, sourceFullRange: frame.pointee.color_range == AVCOL_RANGE_JPEG)
    }

    /// A buffer of `width * height * channels` bytes filled by `fill`, with slack at the end
    /// because swscale's SIMD stores may run a little past the last row.
    func packedPixels(width: Int, height: Int, channels: Int,
                      _ fill: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> [UInt8] {
        let count = width * height * channels, slack = 64
        var pixels = [UInt8](unsafeUninitializedCapacity: count + slack) { _, initialized in initialized = count + slack }
        try pixels.withUnsafeMutableBufferPointer { try fill($0.baseAddress!) }
        pixels.removeLast(slack)
        return pixels
    }
}
