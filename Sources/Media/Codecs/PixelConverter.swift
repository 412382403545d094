import CFFmpeg

/// Media's one libswscale wrapper: converts and resamples pictures between pixel formats
/// (decoded YUV/palette/grey → RGB, RGB → an encoder's YUV, RGB → RGB at another size), for
/// images and video alike.
///
/// It keeps its `SwsContext`, and the colour matrices set on it, while consecutive calls share
/// geometry and formats, so a video pays the set-up once rather than per frame; one-shot image
/// work makes a converter per call. Not thread-safe: one owner at a time.
final class PixelConverter {
    /// Full chroma resolution in and out and accurate rounding: near-exact RGB ↔ RGB work, and
    /// RGB → YUV that computes chroma from every pixel.
    static let precise = SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP
    /// `precise` without SWS_ACCURATE_RND: on 360p H.264 that flag alone tripled the per-frame
    /// YUV → RGB time for at most one level of rounding.
    static let fast = SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP

    /// Area averaging when shrinking both sides (no aliasing), bicubic otherwise.
    static func algorithm(fromWidth: Int, height fromHeight: Int, toWidth: Int, height toHeight: Int) -> Int32 {
        let shrinking = toWidth <= fromWidth && toHeight <= fromHeight && (toWidth, toHeight) != (fromWidth, fromHeight)
        return shrinking ? SWS_AREA : SWS_BICUBIC
    }

    /// The YUV matrices (`SWS_CS_*`) and ranges on each side of a conversion; the RGB side's are
    /// ignored by swscale.
    struct Colour: Equatable {
        var sourceMatrix: Int32 = SWS_CS_DEFAULT
        var sourceFullRange = true
        var destinationMatrix: Int32 = SWS_CS_DEFAULT
        var destinationFullRange = true
    }

    /// One side of a conversion: a picture's format, size, planes and strides.
    struct Planes {
        var format: AVPixelFormat
        var width: Int
        var height: Int
        var data: [UnsafeMutablePointer<UInt8>?]
        var strides: [Int32]
    }

    private var context: OpaquePointer?
    private var appliedColour: Colour?
    /// Padded copy of RGB input (see `PixelConverter+RGB.swift`), kept between frames.
    var staging: UnsafeMutablePointer<AVFrame>?

    deinit {
        sws_freeContext(context)
        av_frame_free(&staging)
    }

    /// Converts `source` into `destination`. Both must stay valid for the call; swscale may read
    /// a little past the end of each source row and write past each destination row.
    ///
    /// - Parameter colour: the matrices to use; nil keeps swscale's defaults (BT.601 for YUV,
    ///   range implied by the pixel format).
    func scale(_ source: Planes, into destination: Planes, algorithm: Int32,
               flags: Int32 = PixelConverter.precise, colour: Colour? = nil) throws {
        let previous = context
        context = sws_getCachedContext(
            context, Int32(source.width), Int32(source.height), source.format,
            Int32(destination.width), Int32(destination.height), destination.format,
            algorithm | flags, nil, nil, nil)
        guard let context else {
            appliedColour = nil
            throw MediaError.conversionFailed(
                "no conversion from \(Libav.pixelFormatName(source.format)) \(source.width)x\(source.height)"
                    + " to \(Libav.pixelFormatName(destination.format)) \(destination.width)x\(destination.height)")
        }
        // Setting matrices rebuilds swscale's tables: only when the context or colours change.
        if context != previous || colour != appliedColour {
            if let colour { Self.apply(colour, to: context) }
            appliedColour = colour
        }
        let rows = sws_scale(
            context, Self.padded(source.data.map { UnsafePointer($0) }, with: nil), Self.padded(source.strides, with: 0),
            0, Int32(source.height),
            Self.padded(destination.data, with: nil), Self.padded(destination.strides, with: 0))
        guard rows == Int32(destination.height) else {
            throw MediaError.conversionFailed("libswscale produced \(rows) of \(destination.height) rows")
        }
    }

    private static func apply(_ colour: Colour, to context: OpaquePointer) {
        // Fails harmlessly (returns -1) when neither side is YUV: there is no matrix to set.
        _ = sws_setColorspaceDetails(
            context, sws_getCoefficients(colour.sourceMatrix), colour.sourceFullRange ? 1 : 0,
            sws_getCoefficients(colour.destinationMatrix), colour.destinationFullRange ? 1 : 0,
            0, 1 << 16, 1 << 16)
    }

    private static func padded<T>(_ values: [T], with filler: T) -> [T] {
        Array(values.prefix(4)) + Array(repeating: filler, count: max(0, 4 - values.count))
    }
}
