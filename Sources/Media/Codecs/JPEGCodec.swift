import CTurboJPEG
import Foundation

/// TurboJPEG wrapper. One `tjhandle` per call: handles are not thread-safe, calls are cheap
/// compared to decoding, and nothing leaks when a call throws.
enum JPEGCodec {
    /// Decodes baseline/progressive JPEG (greyscale, YCbCr, RGB or CMYK) to upright RGB.
    /// `info` must come from `ImageProbe` on the same bytes, and has passed the decode limits.
    ///
    /// With `minimumLongSide`, the decoder may shrink by a DCT scaling factor (1/2, 1/4, 1/8)
    /// while keeping the longer side at least that long: far less work than a full decode
    /// followed by a resize.
    static func decode(_ data: Data, info: ImageInfo, minimumLongSide: Int? = nil) throws -> RGBImage {
        guard let handle = tjInitDecompress() else {
            throw MediaError.corruptData(format: .jpeg, reason: "cannot initialise the decoder")
        }
        defer { tjDestroy(handle) }
        let stored: RGBImage = try data.withUnsafeBytes { raw in
            let source = raw.bindMemory(to: UInt8.self).baseAddress!
            let size = UInt(raw.count)
            var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colourspace: Int32 = 0
            guard tjDecompressHeader3(handle, source, size, &width, &height, &subsampling, &colourspace) == 0 else {
                throw corrupt(handle)
            }
            guard Int(width) == info.width, Int(height) == info.height else {
                throw MediaError.corruptData(format: .jpeg, reason: "frame header disagrees with the probe")
            }
            let (outputWidth, outputHeight) = scaledSize(width: info.width, height: info.height, minimumLongSide: minimumLongSide)
            let isCMYK = colourspace == Int32(TJCS_CMYK.rawValue) || colourspace == Int32(TJCS_YCCK.rawValue)
            let channels = isCMYK ? 4 : 3
            let pixelFormat = Int32((isCMYK ? TJPF_CMYK : TJPF_RGB).rawValue)
            func decompress(into buffer: UnsafeMutableBufferPointer<UInt8>, flags: Int32) -> Int32 {
                tjDecompress2(
                    handle, source, size, buffer.baseAddress, Int32(outputWidth), 0, Int32(outputHeight), pixelFormat, flags)
            }
            // STOPONWARNING: a truncated scan is a libjpeg *warning*; without it the library would
            // hand back a half-grey picture as success. LIMITSCANS refuses progressive files
            // with absurd scan counts (a CPU bomb).
            var status: Int32 = 0
            var decoded = [UInt8](unsafeUninitializedCapacity: outputWidth * outputHeight * channels) { buffer, count in
                status = decompress(into: buffer, flags: TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS)
                count = buffer.count
            }
            if status != 0, isOnlyJunkBeforeEnd(handle) {
                // Junk between the last scan and EOI is common in camera files and harmless: every
                // scan was already read when it is noticed, and nothing can follow EOI. Decode
                // again without stopping at that one warning.
                status = decoded.withUnsafeMutableBufferPointer { decompress(into: $0, flags: TJFLAG_LIMITSCANS) }
                if status != 0, isOnlyJunkBeforeEnd(handle) { status = 0 }
            }
            guard status == 0 else { throw corrupt(handle) }
            if isCMYK { decoded = PixelKernels.rgb(fromInvertedCMYK: decoded) }
            return RGBImage(validatedWidth: outputWidth, height: outputHeight, pixels: decoded)
        }
        return stored.oriented(info.orientation)
    }

    /// The smallest DCT-scaled size whose longer side is still >= `minimumLongSide` (the full
    /// size when no shrinking factor qualifies). Only 1/2, 1/4 and 1/8: libjpeg-turbo has SIMD
    /// reduced IDCTs for those, while the 3/8...7/8 ones measured slower than a full decode.
    private static func scaledSize(width: Int, height: Int, minimumLongSide: Int?) -> (Int, Int) {
        guard let minimumLongSide, minimumLongSide < max(width, height) else { return (width, height) }
        var count: Int32 = 0
        guard let factors = tjGetScalingFactors(&count) else { return (width, height) }
        var best = (width, height)
        for factor in UnsafeBufferPointer(start: factors, count: Int(count)) where factor.num == 1 && factor.denom > 1 {
            let num = Int(factor.num), denom = Int(factor.denom)
            let scaled = ((width * num + denom - 1) / denom, (height * num + denom - 1) / denom)
            if max(scaled.0, scaled.1) >= minimumLongSide, scaled.0 * scaled.1 < best.0 * best.1 { best = scaled }
        }
        return best
    }

    /// Baseline JPEG, 4:2:0 chroma subsampling, `quality` 1...100.
    static func encode(_ image: RGBImage, quality: Int) throws -> Data {
        guard (1...100).contains(quality) else {
            throw MediaError.invalidParameter(name: "quality", value: "\(quality)", allowed: "1...100")
        }
        guard let handle = tjInitCompress() else {
            throw MediaError.encodingFailed(format: .jpeg, reason: "cannot initialise the encoder")
        }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize: UInt = 0
        defer { if let output { tjFree(output) } }
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(
                handle, pixels.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(TJPF_RGB.rawValue),
                &output, &outputSize, Int32(TJSAMP_420.rawValue), Int32(quality), 0)
        }
        guard status == 0, let output else {
            throw MediaError.encodingFailed(format: .jpeg, reason: message(handle))
        }
        return Data(bytes: output, count: Int(outputSize))
    }

    /// Whether the last failure was the warning "N extraneous bytes before marker 0xd9".
    private static func isOnlyJunkBeforeEnd(_ handle: tjhandle) -> Bool {
        guard tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) else { return false }
        let text = message(handle)
        return text.contains("extraneous bytes") && text.hasSuffix("before marker 0xd9")
    }

    private static func corrupt(_ handle: tjhandle) -> MediaError {
        .corruptData(format: .jpeg, reason: message(handle))
    }

    private static func message(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown TurboJPEG error" }
        return String(cString: text)
    }
}
