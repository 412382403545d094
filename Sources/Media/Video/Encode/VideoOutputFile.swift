import CFFmpeg
import Foundation

/// The muxer (MP4, or Matroska on request) writing to a hidden temporary file next to the destination, renamed into place
/// only by `commit()`, so a half-written video never appears under the real name.
/// Anything not committed is deleted when this object goes away.
final class VideoOutputFile {
    let context: UnsafeMutablePointer<AVFormatContext>
    let finalURL: URL
    let temporaryURL: URL
    private var fileOpen = false
    private var committed = false

    let container: VideoEncoder.Settings.Container

    init(url: URL, container: VideoEncoder.Settings.Container) throws {
        self.container = container
        finalURL = url
        temporaryURL = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        var context: UnsafeMutablePointer<AVFormatContext>? = nil
        let status = avformat_alloc_output_context2(&context, nil, container.rawValue, temporaryURL.path)
        guard status >= 0, let context else {
            throw VideoError.libav(operation: "avformat_alloc_output_context2", code: status, message: Libav.describe(status))
        }
        self.context = context
    }

    deinit {
        if fileOpen { avio_closep(&context.pointee.pb) }
        avformat_free_context(context)
        if !committed { try? FileManager.default.removeItem(at: temporaryURL) }
    }

    /// Whether codecs must put their parameter sets in the stream header (MP4, Matroska: yes).
    var needsGlobalHeader: Bool { context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 }

    func addStream() throws -> UnsafeMutablePointer<AVStream> {
        guard let stream = avformat_new_stream(context, nil) else {
            throw VideoError.libav(operation: "avformat_new_stream", code: 0, message: "out of memory")
        }
        return stream
    }

    /// Whether the container can hold this codec as is.
    func canStore(_ codec: AVCodecID) -> Bool {
        avformat_query_codec(context.pointee.oformat, codec, FF_COMPLIANCE_NORMAL) == 1
    }

    /// Creates the temporary file and writes the header; streams must all exist by now.
    func start(faststart: Bool) throws {
        try Libav.check(avio_open(&context.pointee.pb, temporaryURL.path, AVIO_FLAG_WRITE), "avio_open(\(temporaryURL.path))")
        fileOpen = true
        var options: OpaquePointer? = nil
        defer { av_dict_free(&options) }
        if faststart, container == .mp4 { av_dict_set(&options, "movflags", "+faststart", 0) }
        try Libav.check(avformat_write_header(context, &options), "avformat_write_header")
    }

    /// Hands a packet (timestamps already in its stream's time base) to the interleaving muxer,
    /// which takes over its reference.
    func write(_ packet: UnsafeMutablePointer<AVPacket>) throws {
        try Libav.check(av_interleaved_write_frame(context, packet), "av_interleaved_write_frame")
    }

    /// Writes the trailer (with faststart, rewrites the file with `moov` first) and renames the
    /// finished file to its real name.
    func commit() throws {
        try Libav.check(av_write_trailer(context), "av_write_trailer")
        try Libav.check(avio_closep(&context.pointee.pb), "avio_closep")
        fileOpen = false
        guard rename(temporaryURL.path, finalURL.path) == 0 else {
            let code = errno
            throw VideoError.libav(operation: "rename to \(finalURL.path)", code: -code,
                                   message: String(cString: strerror(code)))
        }
        committed = true
    }
}
