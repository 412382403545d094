/// An output format with its parameters.
public enum ImageEncoding: Sendable, Equatable {
    /// Baseline JPEG, 4:2:0, quality 1...100.
    case jpeg(quality: Int = 90)
    /// Lossless 8-bit RGB PNG.
    case png
    /// Lossy WebP, quality 1...100 (needs libavcodec built with libwebp).
    case webp(quality: Int = 90)

    /// The format these bytes will have.
    public var format: ImageFormat {
        switch self {
        case .jpeg: .jpeg
        case .png: .png
        case .webp: .webp
        }
    }

    /// The default encoding for a format (quality 90 where one applies).
    public init(_ format: ImageFormat) {
        switch format {
        case .jpeg: self = .jpeg()
        case .png: self = .png
        case .webp: self = .webp()
        }
    }
}
