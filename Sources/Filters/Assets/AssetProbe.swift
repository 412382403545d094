import Foundation
import Media
import Quotas

/// What the header probe of an upload says, in the terms an asset row records.
struct AssetProbe {
    let kind: AssetKind
    let mediaType: String
    let width: Int
    let height: Int
    let frames: Int
    let duration: Double?

    init(_ info: MediaInfo, file: URL) {
        switch info {
        case .image(let image):
            kind = .image
            mediaType = image.format.mediaType
            width = image.displayWidth
            height = image.displayHeight
            frames = 1
            duration = nil
        case .video(let video):
            kind = .video
            mediaType = Self.mediaType(of: video, file: file)
            width = video.displayWidth
            height = video.displayHeight
            frames = video.frameCount
            duration = video.duration.isFinite ? video.duration : nil
        }
    }

    /// Refuses sizes over the account's plan (from headers: nothing has been decoded).
    func check(account: String, quotas: QuotaService) throws {
        switch kind {
        case .image:
            try quotas.checkImage(account: account, width: Int64(width), height: Int64(height))
        case .video:
            try quotas.checkVideo(account: account, frames: Int64(frames), width: Int64(width), height: Int64(height))
        }
    }

    /// libavformat names one demuxer for MP4 and MOV (`mov,mp4,…`) and one for Matroska and WebM
    /// (`matroska,webm`). MOV is told by its `ftyp` brand `qt  `; WebM is Matroska holding VP8,
    /// VP9 or AV1 video.
    static func mediaType(of video: VideoInfo, file: URL) -> String {
        if video.container.contains("matroska") {
            return ["vp8", "vp9", "av1"].contains(video.videoCodec) ? "video/webm" : "video/x-matroska"
        }
        if video.container.contains("mov") || video.container.contains("mp4") {
            return quickTimeBrand(file) ? "video/quicktime" : "video/mp4"
        }
        return "application/octet-stream"
    }

    private static func quickTimeBrand(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        return header.count == 12 && header[4..<8].elementsEqual("ftyp".utf8) && header[8..<12].elementsEqual("qt  ".utf8)
    }
}
