/// Output dimensions for video, which must be even because H.264 yuv420p subsamples chroma 2×2.
public struct VideoFrameSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The largest even size with the same aspect ratio whose long side is at most `maxSide`.
    /// Never upscales: with `maxSide` nil or larger than the source, only rounds down to even.
    /// Both sides are at least 2.
    public static func fitting(width: Int, height: Int, maxSide: Int?) -> VideoFrameSize {
        guard width > 0, height > 0 else { return VideoFrameSize(width: 2, height: 2) }
        let longSide = max(width, height), shortSide = min(width, height)
        // The long side rounds down to even so it never exceeds the limit; the short side is
        // scaled by what the long side really became and rounds to the nearest even value (the
        // least aspect drift) without passing the source.
        let targetLong = max(2, min(longSide, maxSide ?? longSide) / 2 * 2)
        let scaledShort = Double(shortSide) * Double(targetLong) / Double(longSide)
        let targetShort = max(2, min(shortSide / 2 * 2, Int((scaledShort / 2).rounded()) * 2))
        return width >= height
            ? VideoFrameSize(width: targetLong, height: targetShort)
            : VideoFrameSize(width: targetShort, height: targetLong)
    }

    public var description: String { "\(width)x\(height)" }
}
