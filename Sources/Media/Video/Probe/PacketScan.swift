import CFFmpeg

/// Counts a stream's packets by demuxing only: no decoder runs, so it is cheap and safe on
/// hostile input, and exact where the container has no sample table (Matroska/WebM).
struct PacketScan {
    private(set) var packets = 0
    private(set) var firstTimestamp: Int64? = nil
    private(set) var endTimestamp: Int64? = nil

    init(input: VideoInput, streamIndex: Int32) throws {
        let owned = try LibavObject.packet()
        let packet = owned.pointer
        while true {
            let status = av_read_frame(input.context, packet)
            if status == Libav.eof { break }
            guard status >= 0 else {
                throw VideoError.corruptStream(frameIndex: packets, detail: Libav.describe(status))
            }
            defer { av_packet_unref(packet) }
            guard packet.pointee.stream_index == streamIndex,
                  packet.pointee.flags & AV_PKT_FLAG_DISCARD == 0 else { continue }
            packets += 1
            let pts = packet.pointee.pts != Libav.noPTS ? packet.pointee.pts : packet.pointee.dts
            guard pts != Libav.noPTS else { continue }
            firstTimestamp = min(firstTimestamp ?? pts, pts)
            endTimestamp = max(endTimestamp ?? pts, pts + max(0, packet.pointee.duration))
        }
    }

    /// Seconds from the first to the end of the last packet, when timestamps were present.
    func duration(timeBase: AVRational) -> Double? {
        guard let firstTimestamp, let endTimestamp, endTimestamp > firstTimestamp else { return nil }
        return Double(endTimestamp - firstTimestamp) * av_q2d(timeBase)
    }
}
