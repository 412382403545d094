import CFFmpeg

/// Copies the source's audio packets unchanged: no quality loss and almost no CPU.
final class AudioStreamCopier: AudioTrackWriter {
    /// Codecs we copy as they are. FFmpeg will also mux e.g. Vorbis or PCM into MP4, but
    /// browsers and phones cannot play that, so anything else is re-encoded or dropped.
    static let playableCopies: Set<AVCodecID> = [
        AV_CODEC_ID_AAC, AV_CODEC_ID_MP3, AV_CODEC_ID_OPUS, AV_CODEC_ID_AC3, AV_CODEC_ID_EAC3, AV_CODEC_ID_ALAC,
    ]

    static func canCopy(_ codec: AVCodecID, into output: VideoOutputFile) -> Bool {
        playableCopies.contains(codec) && output.canStore(codec)
    }

    private let reader: AudioPacketReader
    private let outputStream: UnsafeMutablePointer<AVStream>

    init(reader: AudioPacketReader, output: VideoOutputFile) throws {
        self.reader = reader
        outputStream = try output.addStream()
        try Libav.check(avcodec_parameters_copy(outputStream.pointee.codecpar, reader.stream.pointee.codecpar),
                        "avcodec_parameters_copy")
        // The source container's tag (e.g. Matroska's) may mean nothing in the output; let the muxer pick.
        outputStream.pointee.codecpar.pointee.codec_tag = 0
        outputStream.pointee.time_base = reader.stream.pointee.time_base
    }

    func write(before seconds: Double, into output: VideoOutputFile) throws {
        try reader.forEachPacket(before: seconds) { packet in
            av_packet_rescale_ts(packet, reader.stream.pointee.time_base, outputStream.pointee.time_base)
            packet.pointee.stream_index = outputStream.pointee.index
            packet.pointee.pos = -1
            try output.write(packet)
        }
    }

    func finish(before cutoff: Double, into output: VideoOutputFile) throws {
        try write(before: cutoff, into: output)
    }
}
