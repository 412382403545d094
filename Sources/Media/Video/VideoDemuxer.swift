import CFFmpeg
import Foundation

/// An opened input container with its best video stream selected. Only local files, only the
/// MP4/MOV and Matroska/WebM demuxers and only mainstream video codecs are allowed:
/// libavformat would otherwise happily open playlists that fetch URLs, image sequences, or
/// dozens of exotic (and less audited) formats.
final class VideoDemuxer {
    private(set) var format: UnsafeMutablePointer<AVFormatContext>?
    let streamIndex: Int32
    let decoder: UnsafePointer<AVCodec>

    static let allowedContainers = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm"
    /// Video codecs we decode; anything else in a whitelisted container is refused by name.
    static let allowedCodecs: Set<AVCodecID> = [
        AV_CODEC_ID_H264, AV_CODEC_ID_HEVC, AV_CODEC_ID_VP8, AV_CODEC_ID_VP9, AV_CODEC_ID_AV1,
        AV_CODEC_ID_MPEG4, AV_CODEC_ID_MJPEG, AV_CODEC_ID_PRORES,
    ]

    init(url: URL) throws {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw MediaError.unreadableFile(path: url.path, reason: "no such readable file")
        }
        if let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size == 0 {
            throw MediaError.empty
        }
        var options: OpaquePointer?
        defer { av_dict_free(&options) }
        av_dict_set(&options, "format_whitelist", Self.allowedContainers, 0)
        av_dict_set(&options, "protocol_whitelist", "file", 0)
        var context: UnsafeMutablePointer<AVFormatContext>?
        let opened = avformat_open_input(&context, url.path, nil, &options)
        guard opened >= 0, let context else {
            throw opened == cffmpeg_averror(ENOENT) || opened == cffmpeg_averror(EACCES)
                ? MediaError.unreadableFile(path: url.path, reason: Libav.describe(opened))
                : Self.looksLikeVideo(url) ? MediaError.corruptVideo(reason: Libav.describe(opened)) : MediaError.notAVideo
        }
        format = context
        let found = avformat_find_stream_info(context, nil)
        guard found >= 0 else {
            avformat_close_input(&format)
            throw MediaError.corruptVideo(reason: Libav.describe(found))
        }
        var decoder: UnsafePointer<AVCodec>?
        let index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0)
        guard index >= 0 else {
            avformat_close_input(&format)
            throw index == Libav.decoderNotFound
                ? MediaError.unsupportedFormat("this video codec")
                : MediaError.noVideoStream
        }
        guard let decoder, Self.allowedCodecs.contains(decoder.pointee.id) else {
            let name = decoder.map { String(cString: $0.pointee.name) } ?? "this"
            avformat_close_input(&format)
            throw MediaError.unsupportedFormat("\(name) video")
        }
        streamIndex = index
        self.decoder = decoder
        if let fileSize = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int,
           let end = indexedEnd(), end > fileSize {
            throw MediaError.corruptVideo(reason: "truncated: the index needs \(end) bytes, the file has \(fileSize)")
        }
    }

    /// The byte offset just past the last sample the container index points at, if indexed.
    /// MP4 indexes every sample up front, so a cut-off upload shows up here before decoding.
    private func indexedEnd() -> Int? {
        let count = avformat_index_get_entries_count(stream)
        guard count > 0 else { return nil }
        var end: Int64 = 0
        for position in 0..<count {
            guard let entry = avformat_index_get_entry(stream, position) else { continue }
            end = max(end, entry.pointee.pos + Int64(entry.pointee.size))
        }
        return Int(end)
    }

    /// Whether the file starts like an ISO-BMFF (MP4/MOV) or EBML (Matroska/WebM) container,
    /// so that a failure to open it means damage rather than a wrong file type.
    private static func looksLikeVideo(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let reader = ByteReader(data: (try? handle.read(upToCount: 12)) ?? Data())
        return reader.matches("ftyp", at: 4) || reader.matches([0x1A, 0x45, 0xDF, 0xA3], at: 0)
    }

    deinit {
        avformat_close_input(&format)
    }

    var stream: UnsafeMutablePointer<AVStream> {
        format!.pointee.streams[Int(streamIndex)]!
    }

    /// The header facts of the selected stream.
    func info() -> VideoInfo {
        let context = format!
        let parameters = stream.pointee.codecpar!.pointee
        let timeBase = stream.pointee.time_base
        var duration = 0.0
        if stream.pointee.duration > 0 {
            duration = Double(stream.pointee.duration) * av_q2d(timeBase)
        } else if context.pointee.duration > 0 {
            duration = Double(context.pointee.duration) / Double(AV_TIME_BASE)
        }
        var rate = av_q2d(stream.pointee.avg_frame_rate)
        if !rate.isFinite || rate <= 0 { rate = av_q2d(stream.pointee.r_frame_rate) }
        if !rate.isFinite || rate <= 0 { rate = 0 }
        var frames = Int(stream.pointee.nb_frames)
        if frames <= 0 { frames = Int((duration * rate).rounded()) }
        let containerName = String(cString: context.pointee.iformat.pointee.name)
        let hasAudio = (0..<Int(context.pointee.nb_streams)).contains {
            context.pointee.streams[$0]!.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO
        }
        return VideoInfo(
            container: containerName.hasPrefix("mov") ? "mp4" : "matroska",
            codec: String(cString: avcodec_get_name(parameters.codec_id)),
            width: Int(parameters.width), height: Int(parameters.height), rotation: rotation(),
            frameCount: frames, frameRate: rate, duration: duration, hasAudio: hasAudio)
    }

    /// Clockwise display rotation in degrees, snapped to a quarter turn.
    private func rotation() -> Int {
        var size: Int = 0
        guard let matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size), size >= 36 else { return 0 }
        let counterClockwise = matrix.withMemoryRebound(to: Int32.self, capacity: 9) { av_display_rotation_get($0) }
        guard counterClockwise.isFinite else { return 0 }
        let clockwise = Int((-counterClockwise / 90).rounded()) * 90
        return ((clockwise % 360) + 360) % 360
    }
}
