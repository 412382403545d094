import Media

/// The file a job writes: a still image format for image jobs, MP4 (H.264, AAC) for video jobs.
public enum OutputFormat: String, Sendable, Codable, CaseIterable, Hashable {
    case jpeg
    case png
    case webp
    case mp4

    /// The kind of content this format can hold.
    public var kind: JobKind {
        self == .mp4 ? .video : .image
    }

    /// The IANA media type of the result.
    public var mediaType: String {
        switch self {
        case .jpeg: ImageFormat.jpeg.mediaType
        case .png: ImageFormat.png.mediaType
        case .webp: ImageFormat.webp.mediaType
        case .mp4: "video/mp4"
        }
    }

    /// The result file's extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: ImageFormat.jpeg.fileExtension
        case .png: ImageFormat.png.fileExtension
        case .webp: ImageFormat.webp.fileExtension
        case .mp4: "mp4"
        }
    }

    /// The image encoder's settings for this format; nil for MP4.
    func imageEncoding(quality: Int?) -> ImageEncoding? {
        switch self {
        case .jpeg: .jpeg(quality: quality ?? 90)
        case .png: .png
        case .webp: .webp(quality: quality ?? 90)
        case .mp4: nil
        }
    }
}
