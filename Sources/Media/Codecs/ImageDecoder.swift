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
        switch info.format {
        case .jpeg:
            return try JPEGCodec.decode(data, info: info)
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
