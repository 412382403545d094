/// The still-image formats Stylify reads (all three) and writes (JPEG and PNG always, WebP when
/// libavcodec was built with libwebp).
public enum ImageFormat: String, Sendable, Equatable, CaseIterable {
    case jpeg
    case png
    case webp

    /// The IANA media type, e.g. for `Content-Type`.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }

    /// The customary file extension without the dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        }
    }
}
