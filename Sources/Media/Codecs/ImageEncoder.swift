import Foundation
import CFFmpeg

/// Turns RGB pixels into JPEG, PNG or WebP bytes. Thread-safe: each call owns its encoder.
public enum ImageEncoder {
    /// - Throws: `MediaError.invalidParameter` (quality outside 1...100),
    ///   `.encoderUnavailable` (WebP without libwebp), `.encodingFailed`.
    public static func encode(_ image: RGBImage, as encoding: ImageEncoding) throws -> Data {
        switch encoding {
        case .jpeg(let quality):
            return try JPEGCodec.encode(image, quality: quality)
        case .png:
            return try LibavImageEncoder.encode(image, as: .png, quality: 0)
        case .webp(let quality):
            guard (1...100).contains(quality) else {
                throw MediaError.invalidParameter(name: "quality", value: "\(quality)", allowed: "1...100")
            }
            return try LibavImageEncoder.encode(image, as: .webp, quality: quality)
        }
    }

    /// Whether this build can write `format` (WebP depends on libavcodec's libwebp support).
    public static func canEncode(_ format: ImageFormat) -> Bool {
        switch format {
        case .jpeg: true
        case .png: avcodec_find_encoder(AV_CODEC_ID_PNG) != nil
        case .webp: avcodec_find_encoder_by_name("libwebp") != nil
        }
    }
}

extension RGBImage {
    /// Encodes this image; see `ImageEncoder.encode(_:as:)`.
    public func encoded(as encoding: ImageEncoding) throws -> Data {
        try ImageEncoder.encode(self, as: encoding)
    }
}
