import CFFmpeg

/// Counts a stream's packets by demuxing only: no decoder runs, so it is cheap and safe on
/// hostile input, and exact where the container has no sample table (Matroska/WebM).
struct PacketScan {
    private(set) var packets = 0
    private(set) var firstTimestamp: Int64? = nil
    private(set) var endTimestamp: Int64? = nil
    /// With `collectingTimestamps`: every packet's presentation timestamp (in file order), those
    /// of keyframes, and how many packets had none.
    private(set) var presentationTimestamps: [Int64] = []
    private(set) var keyframeTimestamps: Set<Int64> = []
    private(set) var untimedPackets = 0

    init(input: VideoInput, streamIndex: Int32, collectingTimestamps: Bool = false) throws {
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
            if collectingTimestamps { collect(packet.pointee) }
            let pts = packet.pointee.pts != Libav.noPTS ? packet.pointee.pts : packet.pointee.dts
            guard pts != Libav.noPTS else { continue }
            firstTimestamp = min(firstTimestamp ?? pts, pts)
            endTimestamp = max(endTimestamp ?? pts, pts + max(0, packet.pointee.duration))
        }
    }

    private mutating func collect(_ packet: AVPacket) {
        guard packet.pts != Libav.noPTS else {
            untimedPackets += 1
            return
        }
        presentationTimestamps.append(packet.pts)
        if packet.flags & AV_PKT_FLAG_KEY != 0 { keyframeTimestamps.insert(packet.pts) }
    }

    /// Seconds from the first to the end of the last packet, when timestamps were present.
    func duration(timeBase: AVRational) -> Double? {
        guard let firstTimestamp, let endTimestamp, endTimestamp > firstTimestamp else { return nil }
        return Double(endTimestamp - firstTimestamp) * av_q2d(timeBase)
    }
}
