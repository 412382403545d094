import CFFmpeg

/// Converts decoded video frames (any YUV/RGB format, limited or full range, BT.601/709/2020)
/// to RGB24 at a chosen size, reusing one cached `SwsContext` across frames.
final class FrameConverter {
    private var context: OpaquePointer?
    private var appliedTags: ColourTags?

    /// Full-resolution chroma interpolation, but not SWS_ACCURATE_RND: on 360p H.264 that
    /// flag alone tripled the per-frame conversion time for at most one level of rounding.
    private static let flags = SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP

    private struct ColourTags: Equatable {
        var space: UInt32
        var range: UInt32
    }

    deinit {
        sws_freeContext(context)
    }

    func rgb(from frame: UnsafeMutablePointer<AVFrame>, width: Int, height: Int) throws -> RGBImage {
        let sourceWidth = Int(frame.pointee.width), sourceHeight = Int(frame.pointee.height)
        let sourceFormat = AVPixelFormat(rawValue: frame.pointee.format)
        let shrinking = width <= sourceWidth && height <= sourceHeight
        let algorithm = width == sourceWidth && height == sourceHeight ? SWS_BICUBIC : (shrinking ? SWS_AREA : SWS_BICUBIC)
        let previous = context
        context = sws_getCachedContext(
            context, Int32(sourceWidth), Int32(sourceHeight), sourceFormat, Int32(width), Int32(height), AV_PIX_FMT_RGB24,
            algorithm | Self.flags, nil, nil, nil)
        guard let context else {
            throw MediaError.conversionFailed("no conversion from video frame format \(sourceFormat.rawValue)")
        }
        // Setting the matrix rebuilds swscale's tables: only when the context or tags change.
        let tags = ColourTags(space: frame.pointee.colorspace.rawValue, range: frame.pointee.color_range.rawValue)
        if context != previous || tags != appliedTags {
            applyColourspace(of: frame, to: context)
            appliedTags = tags
        }
        let slack = 64
        var pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3 + slack) { _, count in
            count = width * height * 3 + slack
        }
        let planes = withUnsafeBytes(of: frame.pointee.data) { Array($0.bindMemory(to: UnsafeMutablePointer<UInt8>?.self)) }
        let strides = withUnsafeBytes(of: frame.pointee.linesize) { Array($0.bindMemory(to: Int32.self)) }
        let rows = pixels.withUnsafeMutableBufferPointer { output in
            let sources: [UnsafePointer<UInt8>?] = planes.prefix(4).map { UnsafePointer($0) }
            let destinations: [UnsafeMutablePointer<UInt8>?] = [output.baseAddress, nil, nil, nil]
            let destinationStrides: [Int32] = [Int32(width * 3), 0, 0, 0]
            return sws_scale(context, sources, Array(strides.prefix(4)), 0, Int32(sourceHeight), destinations, destinationStrides)
        }
        guard rows == Int32(height) else { throw MediaError.conversionFailed("libswscale produced \(rows) of \(height) rows") }
        pixels.removeLast(slack)
        return RGBImage(validatedWidth: width, height: height, pixels: pixels)
    }

    /// Tells swscale which YUV matrix and range the frame uses; untagged HD video is BT.709,
    /// untagged SD is BT.601, as players assume.
    private func applyColourspace(of frame: UnsafeMutablePointer<AVFrame>, to context: OpaquePointer) {
        var space = Int32(frame.pointee.colorspace.rawValue)
        if frame.pointee.colorspace == AVCOL_SPC_UNSPECIFIED || frame.pointee.colorspace == AVCOL_SPC_RGB {
            space = frame.pointee.height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601
        }
        let fullRange: Int32 = frame.pointee.color_range == AVCOL_RANGE_JPEG ? 1 : 0
        var inverse: UnsafeMutablePointer<Int32>?, table: UnsafeMutablePointer<Int32>?
        var sourceRange: Int32 = 0, destinationRange: Int32 = 0, brightness: Int32 = 0, contrast: Int32 = 0, saturation: Int32 = 0
        guard sws_getColorspaceDetails(context, &inverse, &sourceRange, &table, &destinationRange, &brightness, &contrast, &saturation) >= 0 else {
            return  // RGB sources: nothing to set
        }
        sws_setColorspaceDetails(
            context, sws_getCoefficients(space), fullRange, sws_getCoefficients(SWS_CS_DEFAULT), 1, brightness, contrast, saturation)
    }
}
