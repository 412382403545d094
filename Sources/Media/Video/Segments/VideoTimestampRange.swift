/// A span of a video stream's presentation timestamps, in the stream's own time base: frames with
/// `start <= pts < end`. A nil bound is open (from the first frame, to the last).
public struct VideoTimestampRange: Sendable, Equatable, Hashable {
    public let start: Int64?
    public let end: Int64?

    public init(start: Int64?, end: Int64?) {
        self.start = start
        self.end = end
    }

    /// The whole stream.
    public static let all = VideoTimestampRange(start: nil, end: nil)

    func contains(_ pts: Int64) -> Bool {
        if let start, pts < start { return false }
        if let end, pts >= end { return false }
        return true
    }
}
