import CFFmpeg

/// Converts decoded pictures of any pixel format and size to packed RGB24 of one fixed size
/// with swscale, honouring the source's YUV matrix and range so colours survive a round trip.
final class RGBFrameConverter {
    let outputWidth: Int
    let outputHeight: Int
    private var scaler: OpaquePointer? = nil
    private var sourceKey: [Int32] = []
    private let target: UnsafeMutablePointer<AVFrame>

    init(outputWidth: Int, outputHeight: Int) throws {
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        guard let target = av_frame_alloc() else {
            throw VideoError.libav(operation: "av_frame_alloc", code: 0, message: "out of memory")
        }
        self.target = target
        target.pointee.format = AV_PIX_FMT_RGB24.rawValue
        target.pointee.width = Int32(outputWidth)
        target.pointee.height = Int32(outputHeight)
        let status = av_frame_get_buffer(target, 0)
        if status < 0 {
            var owned: UnsafeMutablePointer<AVFrame>? = target
            av_frame_free(&owned)
            throw VideoError.libav(operation: "av_frame_get_buffer", code: status, message: LibAV.message(status))
        }
    }

    deinit {
        sws_freeContext(scaler)
        var owned: UnsafeMutablePointer<AVFrame>? = target
        av_frame_free(&owned)
    }

    /// Scales `frame` into a tightly packed `[UInt8]` of `outputWidth * outputHeight * 3` bytes.
    func convert(_ frame: UnsafeMutablePointer<AVFrame>) throws -> [UInt8] {
        try prepareScaler(for: frame.pointee)
        try LibAV.check(sws_scale_frame(scaler, target, frame), "sws_scale_frame")
        let rowBytes = outputWidth * 3
        let stride = Int(target.pointee.linesize.0)
        guard let source = target.pointee.data.0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: rowBytes * outputHeight) { buffer, count in
            for row in 0..<outputHeight {
                (buffer.baseAddress! + row * rowBytes).update(from: source + row * stride, count: rowBytes)
            }
            count = rowBytes * outputHeight
        }
    }

    /// Rebuilds the scaler only when the source geometry or colour description changes
    /// (streams may switch resolution mid-way).
    private func prepareScaler(for frame: AVFrame) throws {
        let key = [frame.width, frame.height, frame.format, Int32(frame.colorspace.rawValue), Int32(frame.color_range.rawValue)]
        guard key != sourceKey || scaler == nil else { return }
        sws_freeContext(scaler)
        scaler = sws_getContext(frame.width, frame.height, AVPixelFormat(frame.format),
                                Int32(outputWidth), Int32(outputHeight), AV_PIX_FMT_RGB24,
                                SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nil, nil, nil)
        guard scaler != nil else {
            sourceKey = []
            throw VideoError.libav(operation: "sws_getContext", code: 0,
                                   message: "cannot convert \(frame.width)x\(frame.height) format \(frame.format) to RGB")
        }
        sourceKey = key
        let matrix = frame.colorspace == AVCOL_SPC_UNSPECIFIED ? SWS_CS_DEFAULT : Int32(frame.colorspace.rawValue)
        let coefficients = sws_getCoefficients(matrix)
        let fullRange: Int32 = frame.color_range == AVCOL_RANGE_JPEG ? 1 : 0
        // Fails harmlessly (returns -1) for RGB sources, which have no YUV matrix to set.
        _ = sws_setColorspaceDetails(scaler, coefficients, fullRange, coefficients, 1, 0, 1 << 16, 1 << 16)
    }
}
