import Foundation

/// The one entry point that turns image bytes of any supported format into upright RGB pixels.
/// Safe to call from many threads at once: every call owns its codec state.
public enum ImageDecoder {
    /// Probes `data`, checks the size against `limits` before any pixel memory is allocated,
    /// then decodes. JPEG EXIF orientation is applied; PNG/WebP alpha is composited over white.
    ///
    /// - Throws: `MediaError` — `.empty`, `.unknownFormat`, `.unsupportedFormat`,
    ///   `.tooManyPixels` / `.sideTooLong` (from the header), or `.corruptData` (truncated or
    ///   malformed data, including libjpeg warnings).
    public static func decode(_ data: Data, limits: DecodeLimits = .default) throws -> RGBImage {
        let info = try ImageProbe.probe(data)
        try limits.check(width: info.width, height: info.height)
        return try decodePixels(data, info: info, limits: limits, minimumLongSide: nil)
    }

    /// Decodes and shrinks to a longer side of at most `maxSide` (aspect kept, never upscaled):
    /// the same result as `decode(_:limits:).fitted(maxSide:)`, but JPEGs are shrunk by the
    /// DCT while decoding, several times faster for large photos. `limits` apply to the
    /// stored size.
    public static func decode(_ data: Data, limits: DecodeLimits = .default, fittingIn maxSide: Int) throws -> RGBImage {
        guard maxSide > 0 else { throw MediaError.invalidDimensions(width: maxSide, height: maxSide) }
        let info = try ImageProbe.probe(data)
        try limits.check(width: info.width, height: info.height)
        return try decodePixels(data, info: info, limits: limits, minimumLongSide: maxSide).fitted(maxSide: maxSide)
    }

    /// Decodes the file at `url`, probing its header first so that a refused file (too many
    /// pixels, unknown format) is never read in full.
    public static func decode(contentsOf url: URL, limits: DecodeLimits = .default) throws -> RGBImage {
        let info = try ImageProbe.probe(contentsOf: url)
        try limits.check(width: info.width, height: info.height)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MediaError.unreadableFile(path: url.path, reason: "\(error)")
        }
        return try decode(data, limits: limits)
    }

    private static func decodePixels(
        _ data: Data, info: ImageInfo, limits: DecodeLimits, minimumLongSide: Int?
    ) throws -> RGBImage {
        switch info.format {
        case .jpeg:
            return try JPEGCodec.decode(data, info: info, minimumLongSide: minimumLongSide)
        case .png:
            try ImageProbe.validatePNGChunks(ByteReader(data: data))
            return try LibavImageDecoder.decode(data, info: info, limits: limits)
        case .webp:
            try ImageProbe.validateRIFFLength(ByteReader(data: data))
            return try LibavImageDecoder.decode(data, info: info, limits: limits)
        }
    }
}

extension RGBImage {
    /// Decodes image bytes; see `ImageDecoder.decode(_:limits:)`.
    public init(decoding data: Data, limits: DecodeLimits = .default) throws {
        self = try ImageDecoder.decode(data, limits: limits)
    }
}
