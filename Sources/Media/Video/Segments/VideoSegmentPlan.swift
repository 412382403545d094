import Foundation

/// Where a video can be cut into pieces that decode on their own: at keyframes, found by
/// demuxing only (no decoder runs), each piece holding at least `targetFrames` frames.
/// Pieces are rendered separately (on several workers) and put together again by
/// `VideoSegmentJoiner`; every frame lies in exactly one piece.
public enum VideoSegmentPlan {
    /// One piece: its frames are those whose presentation timestamps lie in `range`.
    public struct Segment: Sendable, Equatable {
        public let range: VideoTimestampRange
        /// Frames in the piece (packets of the video stream in its range).
        public let frames: Int

        public init(range: VideoTimestampRange, frames: Int) {
            self.range = range
            self.frames = frames
        }
    }

    /// The pieces of `url`'s video stream, in order: one piece (the whole stream) when it is
    /// shorter than twice `targetFrames`, has too few keyframes, or lacks timestamps. The first
    /// piece starts at the first frame and the last ends after the last one (open bounds).
    ///
    /// - Throws: `VideoError` for a file that cannot be read.
    public static func segments(of url: URL, targetFrames: Int) throws -> [Segment] {
        let input = try VideoInput(url: url)
        let stream = try input.videoStream(maxPixels: nil)
        let scan = try PacketScan(input: input, streamIndex: stream.pointee.index, collectingTimestamps: true)
        let whole = [Segment(range: .all, frames: scan.packets)]
        let timestamps = scan.presentationTimestamps
        guard scan.untimedPackets == 0, targetFrames > 0, timestamps.count >= 2 * targetFrames else { return whole }
        return cuts(timestamps: timestamps.sorted(), keyframes: scan.keyframeTimestamps, targetFrames: targetFrames) ?? whole
    }

    /// Cuts at the first keyframe after each `targetFrames` frames, keeping the last piece at
    /// least `targetFrames` long too (a short tail joins the piece before it); nil for one piece.
    static func cuts(timestamps sorted: [Int64], keyframes: Set<Int64>, targetFrames: Int) -> [Segment]? {
        var starts: [Int] = [0]
        for (index, pts) in sorted.enumerated()
        where index - starts[starts.count - 1] >= targetFrames && sorted.count - index >= targetFrames && keyframes.contains(pts) {
            starts.append(index)
        }
        guard starts.count > 1 else { return nil }
        return starts.indices.map { piece in
            let first = starts[piece]
            let next = piece + 1 < starts.count ? starts[piece + 1] : sorted.count
            return Segment(range: VideoTimestampRange(start: piece == 0 ? nil : sorted[first],
                                                      end: next < sorted.count ? sorted[next] : nil),
                           frames: next - first)
        }
    }
}
