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
    /// - Throws: `MediaError.unknownFormat` when the file is neither; the image errors for an
    ///   image format we refuse (GIF, HEIC, ...) or a damaged image header; otherwise the
    ///   errors of `VideoProbe.probe(contentsOf:)` (damaged or unsupported video).
    public static func probe(contentsOf url: URL) throws -> MediaInfo {
        do {
            return .image(try ImageProbe.probe(contentsOf: url))
        } catch MediaError.unknownFormat {
            do {
                return .video(try VideoProbe.probe(contentsOf: url))
            } catch MediaError.notAVideo {
                throw MediaError.unknownFormat
            }
        }
    }
}
