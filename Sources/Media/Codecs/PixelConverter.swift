import CFFmpeg

/// libswscale wrapper: converts and/or resamples between pixel formats. A fresh `SwsContext`
/// per call keeps every call independent and thread-safe.
enum PixelConverter {
    /// Flags that keep RGB→RGB work close to exact: full chroma resolution in and out and
    /// accurate rounding (swscale otherwise goes through 4:2:2 internally).
    static let precise = SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP

    /// Scales/converts planes described by `source` pointers and strides into `destination`.
    static func scale(
        sourceFormat: AVPixelFormat, sourceWidth: Int, sourceHeight: Int,
        source: [UnsafePointer<UInt8>?], sourceStrides: [Int32],
        destinationFormat: AVPixelFormat, destinationWidth: Int, destinationHeight: Int,
        destination: [UnsafeMutablePointer<UInt8>?], destinationStrides: [Int32],
        algorithm: Int32
    ) throws {
        guard let context = sws_getContext(
            Int32(sourceWidth), Int32(sourceHeight), sourceFormat,
            Int32(destinationWidth), Int32(destinationHeight), destinationFormat,
            algorithm | precise, nil, nil, nil)
        else {
            throw MediaError.conversionFailed(
                "no conversion from \(name(sourceFormat)) \(sourceWidth)x\(sourceHeight) to \(name(destinationFormat)) \(destinationWidth)x\(destinationHeight)")
        }
        defer { sws_freeContext(context) }
        let sources = padded(source, with: nil)
        let destinations = padded(destination, with: nil)
        let sourceStrides = padded(sourceStrides, with: 0)
        let destinationStrides = padded(destinationStrides, with: 0)
        let rows = sws_scale(context, sources, sourceStrides, 0, Int32(sourceHeight), destinations, destinationStrides)
        guard rows == Int32(destinationHeight) else {
            throw MediaError.conversionFailed("libswscale produced \(rows) of \(destinationHeight) rows")
        }
    }

    /// Resamples an RGB24 raster; `algorithm` is one of `SWS_AREA`, `SWS_BICUBIC`, ...
    static func resample(_ image: RGBImage, width: Int, height: Int, algorithm: Int32) throws -> RGBImage {
        // Spare bytes at the end: SIMD paths may store a little past the last pixel of a row.
        let slack = 64
        var output = [UInt8](unsafeUninitializedCapacity: width * height * 3 + slack) { _, count in
            count = width * height * 3 + slack
        }
        try image.pixels.withUnsafeBufferPointer { input in
            try output.withUnsafeMutableBufferPointer { output in
                try scale(
                    sourceFormat: AV_PIX_FMT_RGB24, sourceWidth: image.width, sourceHeight: image.height,
                    source: [input.baseAddress], sourceStrides: [Int32(image.width * 3)],
                    destinationFormat: AV_PIX_FMT_RGB24, destinationWidth: width, destinationHeight: height,
                    destination: [output.baseAddress], destinationStrides: [Int32(width * 3)],
                    algorithm: algorithm)
            }
        }
        output.removeLast(slack)
        return RGBImage(validatedWidth: width, height: height, pixels: output)
    }

    private static func padded<T>(_ values: [T], with filler: T) -> [T] {
        values + Array(repeating: filler, count: max(0, 4 - values.count))
    }

    private static func name(_ format: AVPixelFormat) -> String {
        guard let text = av_get_pix_fmt_name(format) else { return "format \(format.rawValue)" }
        return String(cString: text)
    }
}
