import CFFmpeg

/// Reads one audio stream's packets from a source in time order, a slice at a time, holding
/// back the first packet that is not yet due so audio advances in step with the video.
final class AudioPacketReader {
    let input: VideoInput
    let stream: UnsafeMutablePointer<AVStream>
    private let packetObject: LibavObject<AVPacket>
    private var packet: UnsafeMutablePointer<AVPacket> { packetObject.pointer }
    private var holdingPacket = false
    private(set) var exhausted = false

    init(input: VideoInput, stream: UnsafeMutablePointer<AVStream>) throws {
        self.input = input
        self.stream = stream
        packetObject = try .packet()
    }

    /// Calls `body` with each packet of the stream that starts before `seconds` (source clock).
    /// `body` may take the packet's reference (the muxer does) or leave it; it is unreferenced after.
    func forEachPacket(before seconds: Double, _ body: (UnsafeMutablePointer<AVPacket>) throws -> Void) throws {
        let tick = av_q2d(stream.pointee.time_base)
        while !exhausted {
            if !holdingPacket {
                let status = av_read_frame(input.context, packet)
                if status == Libav.eof {
                    exhausted = true
                    return
                }
                guard status >= 0 else { throw VideoError.audioCopyFailed(detail: Libav.describe(status)) }
                // Other streams, and packets with no time at all (the muxer could not place them), are dropped.
                guard packet.pointee.stream_index == stream.pointee.index, timestamp != Libav.noPTS else {
                    av_packet_unref(packet)
                    continue
                }
                holdingPacket = true
            }
            if Double(timestamp) * tick >= seconds { return }
            holdingPacket = false
            defer { av_packet_unref(packet) }
            try body(packet)
        }
    }

    private var timestamp: Int64 {
        packet.pointee.pts != Libav.noPTS ? packet.pointee.pts : packet.pointee.dts
    }
}
