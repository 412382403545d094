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

    init(_ info: MediaInfo) {
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
            mediaType = Self.mediaType(of: video)
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

    /// libavformat reports MP4/MOV as "mp4" and WebM/MKV as "matroska"; WebM is Matroska holding
    /// only VP8, VP9 or AV1 video.
    static func mediaType(of video: VideoInfo) -> String {
        switch video.container {
        case "mp4": return "video/mp4"
        case "matroska": return ["vp8", "vp9", "av1"].contains(video.codec) ? "video/webm" : "video/x-matroska"
        default: return "video/\(video.container)"
        }
    }
}
