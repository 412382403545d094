import CFFmpeg
import Foundation

/// Copies the source's audio packets unchanged into an `VideoOutputFile`, a little at a time so the
/// muxer can interleave them with the video as it is produced.
final class AudioStreamCopier {
    let codecName: String
    private let input: VideoInput
    private let sourceStream: UnsafeMutablePointer<AVStream>
    private let outputStream: UnsafeMutablePointer<AVStream>
    private let packet: UnsafeMutablePointer<AVPacket>
    /// `packet` holds an audio packet read ahead that was not yet due.
    private var holdingPacket = false
    private var exhausted = false

    /// Codecs we copy as they are. FFmpeg will also mux e.g. Vorbis into MP4, but browsers and
    /// phones cannot play that, so anything else is not copied.
    static let playableCopies: Set<AVCodecID> = [
        AV_CODEC_ID_AAC, AV_CODEC_ID_MP3, AV_CODEC_ID_OPUS, AV_CODEC_ID_AC3, AV_CODEC_ID_EAC3, AV_CODEC_ID_ALAC,
    ]

    /// Adds an audio stream to `output` when `source` has audio the container can carry; otherwise returns
    /// nil and says why.
    static func make(source: URL, output: VideoOutputFile) throws -> (AudioStreamCopier?, VideoAudioOutcome) {
        let input = try VideoInput(url: source)
        guard let stream = input.audioStream() else { return (nil, .sourceHasNoAudio) }
        let codec = stream.pointee.codecpar.pointee.codec_id
        let name = LibAV.codecName(codec)
        guard playableCopies.contains(codec), output.canStore(codec) else {
            return (nil, .skipped(codec: name, reason: "\(output.container.rawValue) cannot carry \(name) audio"))
        }
        let copier = try AudioStreamCopier(input: input, sourceStream: stream, output: output, codecName: name)
        return (copier, .copied(codec: name))
    }

    private init(input: VideoInput, sourceStream: UnsafeMutablePointer<AVStream>,
                 output: VideoOutputFile, codecName: String) throws {
        self.input = input
        self.sourceStream = sourceStream
        self.codecName = codecName
        outputStream = try output.addStream()
        guard let packet = av_packet_alloc() else {
            throw VideoError.libav(operation: "av_packet_alloc", code: 0, message: "out of memory")
        }
        self.packet = packet
        try LibAV.check(avcodec_parameters_copy(outputStream.pointee.codecpar, sourceStream.pointee.codecpar),
                        "avcodec_parameters_copy")
        // The source container's tag (e.g. Matroska's) may mean nothing in the output; let the muxer pick.
        outputStream.pointee.codecpar.pointee.codec_tag = 0
        outputStream.pointee.time_base = sourceStream.pointee.time_base
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = packet
        av_packet_free(&packet)
    }

    /// Writes every source audio packet that starts before `seconds` (source clock).
    func copy(before seconds: Double, into output: VideoOutputFile) throws {
        let tick = av_q2d(sourceStream.pointee.time_base)
        while !exhausted {
            if !holdingPacket {
                let status = av_read_frame(input.context, packet)
                if status == LibAV.eof {
                    exhausted = true
                    return
                }
                guard status >= 0 else { throw VideoError.audioCopyFailed(detail: LibAV.message(status)) }
                let timestamp = packet.pointee.pts != LibAV.noPTS ? packet.pointee.pts : packet.pointee.dts
                // Other streams, and packets the muxer could not place in time, are dropped.
                guard packet.pointee.stream_index == sourceStream.pointee.index, timestamp != LibAV.noPTS else {
                    av_packet_unref(packet)
                    continue
                }
                holdingPacket = true
            }
            let timestamp = packet.pointee.pts != LibAV.noPTS ? packet.pointee.pts : packet.pointee.dts
            if Double(timestamp) * tick >= seconds { return }
            av_packet_rescale_ts(packet, sourceStream.pointee.time_base, outputStream.pointee.time_base)
            packet.pointee.stream_index = outputStream.pointee.index
            packet.pointee.pos = -1
            holdingPacket = false
            try output.write(packet)
        }
    }
}
