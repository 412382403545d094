import CFFmpeg
import Foundation

/// An opened container that we accept (MP4/MOV or Matroska/WebM), shared by probe, decoder and
/// the encoder's audio copy. Owns its `AVFormatContext`; one instance per thread.
///
/// The format is detected from the bytes first and only the two accepted demuxers are ever
/// opened, so a hostile upload cannot reach FFmpeg's other demuxers (playlists, image sequences).
final class VideoInput {
    static let acceptedContainers: Set<String> = ["mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"]
    /// Mainstream video codecs we decode. The accepted containers can carry dozens of exotic
    /// (and less audited) codecs; hostile uploads never reach their decoders.
    static let acceptedCodecs: Set<AVCodecID> = [
        AV_CODEC_ID_H264, AV_CODEC_ID_HEVC, AV_CODEC_ID_VP8, AV_CODEC_ID_VP9, AV_CODEC_ID_AV1,
        AV_CODEC_ID_MPEG4, AV_CODEC_ID_MJPEG, AV_CODEC_ID_PRORES,
    ]

    let url: URL
    let fileSize: Int
    let containerName: String
    let context: UnsafeMutablePointer<AVFormatContext>

    init(url: URL) throws {
        self.url = url
        let path = url.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.type] as? FileAttributeType) != .typeDirectory
        else { throw VideoError.fileNotFound(path: path) }
        fileSize = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard fileSize > 0 else { throw VideoError.emptyFile }

        let format = try Self.detectFormat(path: path)
        containerName = String(cString: format.pointee.name)

        var context: UnsafeMutablePointer<AVFormatContext>? = nil
        var options: OpaquePointer? = nil
        defer { av_dict_free(&options) }
        // Local files only: an MP4 may reference external data, which must never reach the network.
        av_dict_set(&options, "protocol_whitelist", "file", 0)
        let status = avformat_open_input(&context, path, format, &options)
        guard status >= 0, let context else {
            // avformat_open_input frees the context itself on failure.
            throw VideoError.corruptHeader(container: containerName, detail: Libav.describe(status))
        }
        self.context = context
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&context)
    }

    /// Recognises the container from its first bytes (not the file name) and refuses any we do
    /// not accept before a demuxer parses anything.
    private static func detectFormat(path: String) throws -> UnsafePointer<AVInputFormat> {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw VideoError.fileNotFound(path: path) }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 18)) ?? Data()
        guard !head.isEmpty else { throw VideoError.emptyFile }
        var buffer = [UInt8](head) + [UInt8](repeating: 0, count: Int(AVPROBE_PADDING_SIZE))
        var score: Int32 = 0
        let format: UnsafePointer<AVInputFormat>? = buffer.withUnsafeMutableBufferPointer { bytes in
            "".withCString { noName in
                var probe = AVProbeData(filename: noName, buf: bytes.baseAddress,
                                        buf_size: Int32(head.count), mime_type: nil)
                return av_probe_input_format3(&probe, 1, &score)
            }
        }
        // Below FFmpeg's own retry threshold a match is a guess (random bytes often "look like" MP3).
        guard let format, score >= AVPROBE_SCORE_MAX / 4 else { throw VideoError.unrecognizedFormat }
        let name = String(cString: format.pointee.name)
        guard acceptedContainers.contains(name) else { throw VideoError.unsupportedContainer(name) }
        return format
    }

    /// All streams of the container.
    var streams: [UnsafeMutablePointer<AVStream>] {
        (0..<Int(context.pointee.nb_streams)).compactMap { context.pointee.streams[$0] }
    }

    /// The main video stream (a real video track, not cover art; the default one when marked),
    /// checked from the headers before anything is decoded: `unsupportedCodec` unless its codec
    /// is accepted and decodable here, `corruptHeader` without a frame size, `tooLarge` over
    /// `maxPixels`, `truncated` when the index points past the end of the file.
    func videoStream(maxPixels: Int?) throws -> UnsafeMutablePointer<AVStream> {
        let candidates = streams.filter {
            $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
                && $0.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
        }
        guard let first = candidates.first else { throw VideoError.noVideoStream }
        let stream = candidates.first { $0.pointee.disposition & AV_DISPOSITION_DEFAULT != 0 } ?? first
        let codec = stream.pointee.codecpar.pointee.codec_id
        guard Self.acceptedCodecs.contains(codec), avcodec_find_decoder(codec) != nil else {
            throw VideoError.unsupportedCodec(Libav.codecName(codec))
        }
        let width = Int(stream.pointee.codecpar.pointee.width), height = Int(stream.pointee.codecpar.pointee.height)
        guard width > 0, height > 0 else {
            throw VideoError.corruptHeader(container: containerName, detail: "the video stream has no frame size")
        }
        if let maxPixels, width * height > maxPixels {
            throw VideoError.tooLarge(width: width, height: height, maxPixels: maxPixels)
        }
        try checkIndexFitsFile()
        return stream
    }

    /// The stream's average frame rate from its header, else its base rate; nil when neither is set.
    static func headerFrameRate(of stream: UnsafeMutablePointer<AVStream>) -> VideoRational? {
        [stream.pointee.avg_frame_rate, stream.pointee.r_frame_rate].map(Libav.rational).first(where: \.isPositive)
    }

    /// The main audio stream, if any.
    func audioStream() -> UnsafeMutablePointer<AVStream>? {
        let candidates = streams.filter { $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO }
        return candidates.first { $0.pointee.disposition & AV_DISPOSITION_DEFAULT != 0 } ?? candidates.first
    }

    /// Refuses a file whose packet index points past its end: an interrupted upload keeps its
    /// header but loses the tail, and would otherwise fail only deep into decoding.
    private func checkIndexFitsFile() throws {
        var needed: Int64 = 0
        for stream in streams {
            let count = avformat_index_get_entries_count(stream)
            for entry in 0..<count {
                guard let item = avformat_index_get_entry(stream, entry) else { continue }
                needed = max(needed, item.pointee.pos + Int64(item.pointee.size))
            }
        }
        if needed > Int64(fileSize) {
            throw VideoError.truncated(expectedBytes: Int(needed), actualBytes: fileSize)
        }
    }
}
