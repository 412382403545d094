import Foundation

/// What an uploaded file turned out to be.
public enum MediaInfo: Sendable, Equatable {
    case image(ImageInfo)
    case video(VideoInfo)

    /// Frames the file counts for in usage metering (an image is one frame).
    public var frameCount: Int {
        switch self {
        case .image: 1
        case .video(let info): info.frameCount
        }
    }
}

/// Tells images from videos by content, for uploads whose type is not known in advance.
public enum MediaProbe {
    /// Probes `url` as an image first (cheap, header only), then as a video container.
    ///
    /// - Parameter maxVideoPixels: passed to `VideoProbe` (refuse larger video frames).
    /// - Throws: `MediaError.unrecognizedMedia` when the file is neither; `MediaError` for an
    ///   empty or unreadable file, an image format we refuse (GIF, HEIC, ...) or a damaged image
    ///   header; otherwise the `VideoError` of `VideoProbe.probe(contentsOf:)` (unsupported
    ///   container, damaged or truncated video).
    public static func probe(contentsOf url: URL, maxVideoPixels: Int? = nil) throws -> MediaInfo {
        do {
            return .image(try ImageProbe.probe(contentsOf: url))
        } catch MediaError.unknownFormat {
            do {
                return .video(try VideoProbe.probe(contentsOf: url, maxPixels: maxVideoPixels))
            } catch VideoError.unrecognizedFormat {
                throw MediaError.unrecognizedMedia
            }
        }
    }
}
