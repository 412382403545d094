import CFFmpeg
import Foundation

/// Puts separately rendered pieces of one video back together into one MP4 (faststart): the
/// pieces' H.264 packets are copied in order (no re-encoding, so no quality loss and little
/// CPU) and the source's audio is laid alongside, as `VideoEncoder` does for a whole video.
///
/// Every piece must come from `VideoEncoder` with the same size and settings and
/// `reordersFrames: false`, on the source's time base (`VideoSegmentPlan` pieces rendered with
/// their source timestamps): then decode order is presentation order and the joined stream's
/// timestamps simply continue from one piece into the next.
///
/// The file appears under `url` only when `finish()` succeeds.
public final class VideoSegmentJoiner {
    public let url: URL
    private let audioSource: URL?
    private let audioHandling: VideoEncoder.Settings.AudioHandling
    private var output: VideoOutputFile?
    private var video: UnsafeMutablePointer<AVStream>?
    private var audioTrack: AudioTrackWriter?
    private var firstParameters: (codec: AVCodecID, width: Int32, height: Int32, extradata: [UInt8])?
    private var lastDTS: Int64?
    private var endTime = 0.0
    private var closed = false
    /// The frame size of the pieces (known after the first).
    public var size: VideoFrameSize? {
        firstParameters.map { VideoFrameSize(width: Int($0.width), height: Int($0.height)) }
    }
    /// Video packets (frames) copied so far.
    public private(set) var frames = 0
    /// What happened to the source's audio (known after the first piece).
    public private(set) var audio = VideoAudioOutcome.notRequested

    /// - Parameter audioFrom: the original video, whose main audio stream the result carries.
    public init(url: URL, audioFrom: URL?, audioHandling: VideoEncoder.Settings.AudioHandling = .copyOrTranscode) throws {
        self.url = url
        audioSource = audioFrom
        self.audioHandling = audioHandling
        output = try VideoOutputFile(url: url, container: .mp4)
    }

    /// Appends every frame of the next piece.
    ///
    /// - Throws: `VideoError.invalidParameter` for a piece encoded differently from the first or
    ///   whose timestamps do not follow the previous piece's; `.corruptStream`/`.libav` for one
    ///   that cannot be read or written. The joiner is closed after any error.
    public func append(_ segment: URL) throws {
        guard let output, !closed else { throw VideoError.encoderClosed }
        do {
            let input = try VideoInput(url: segment)
            let source = try input.videoStream(maxPixels: nil)
            let stream = try self.stream(for: source, in: output)
            try copyPackets(of: input, from: source, to: stream, in: output)
        } catch {
            close()
            throw error
        }
    }

    /// Writes the rest of the audio (up to the end of the last frame), the index, and moves the
    /// file to `url`.
    public func finish() throws {
        guard let output, !closed else { throw VideoError.encoderClosed }
        defer { close() }
        guard frames > 0 else { throw VideoError.invalidParameter("no frames were joined") }
        try audioTrack?.finish(before: endTime, into: output)
        try output.commit()
    }

    /// Abandons the output: nothing appears at `url`.
    public func cancel() {
        close()
    }

    private func close() {
        closed = true
        audioTrack = nil
        output = nil
    }

    /// The output's video stream, made from the first piece's parameters (then the header is
    /// written); later pieces must match them.
    private func stream(for source: UnsafeMutablePointer<AVStream>, in output: VideoOutputFile) throws -> UnsafeMutablePointer<AVStream> {
        let parameters = source.pointee.codecpar.pointee
        let extradata = parameters.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(parameters.extradata_size))) } ?? []
        if let video, let first = firstParameters {
            guard first.codec == parameters.codec_id, first.width == parameters.width, first.height == parameters.height,
                  first.extradata == extradata
            else {
                throw VideoError.invalidParameter("a piece was encoded with another size or other codec settings than the first")
            }
            return video
        }
        let stream = try output.addStream()
        try Libav.check(avcodec_parameters_copy(stream.pointee.codecpar, source.pointee.codecpar), "avcodec_parameters_copy")
        stream.pointee.codecpar.pointee.codec_tag = 0
        stream.pointee.time_base = source.pointee.time_base
        stream.pointee.avg_frame_rate = source.pointee.avg_frame_rate
        if let audioSource {
            (audioTrack, audio) = try AudioTrack.make(source: audioSource, output: output, handling: audioHandling)
        }
        try output.start(faststart: true)
        video = stream
        firstParameters = (parameters.codec_id, parameters.width, parameters.height, extradata)
        return stream
    }

    private func copyPackets(of input: VideoInput, from source: UnsafeMutablePointer<AVStream>,
                             to stream: UnsafeMutablePointer<AVStream>, in output: VideoOutputFile) throws {
        let owned = try LibavObject.packet()
        let packet = owned.pointer
        let secondsPerTick = av_q2d(source.pointee.time_base)
        while true {
            let status = av_read_frame(input.context, packet)
            if status == Libav.eof { return }
            guard status >= 0 else {
                throw VideoError.corruptStream(frameIndex: frames, detail: Libav.describe(status))
            }
            defer { av_packet_unref(packet) }
            guard packet.pointee.stream_index == source.pointee.index else { continue }
            let pts = packet.pointee.pts
            guard pts != Libav.noPTS, packet.pointee.dts != Libav.noPTS else {
                throw VideoError.corruptStream(frameIndex: frames, detail: "a piece's packet has no timestamp")
            }
            let time = Double(pts) * secondsPerTick
            endTime = max(endTime, Double(pts + max(packet.pointee.duration, 1)) * secondsPerTick)
            av_packet_rescale_ts(packet, source.pointee.time_base, stream.pointee.time_base)
            if let lastDTS, packet.pointee.dts <= lastDTS {
                throw VideoError.invalidParameter("the pieces overlap or are out of order at frame \(frames)")
            }
            lastDTS = packet.pointee.dts
            try audioTrack?.write(before: time, into: output)
            packet.pointee.stream_index = stream.pointee.index
            packet.pointee.pos = -1
            try output.write(packet)
            frames += 1
        }
    }
}
