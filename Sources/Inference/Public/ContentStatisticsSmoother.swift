import Foundation

/// Temporal stabilisation of a video's content statistics: the per-channel mean and standard
/// deviation of the content features that AdaIN normalises by are an exponential moving average
/// over the frames instead of each frame's own, so small changes between frames (noise, codec
/// blocks) stop shifting the whole frame's colours. One smoother per video, used by one thread
/// frame after frame (the lock only makes sharing it safe, not meaningful); each AdaIN site of a
/// network keeps its own average.
public final class ContentStatisticsSmoother: @unchecked Sendable {
    /// 0...1: the weight of the running average against the new frame's statistics (0 = each
    /// frame's own, exactly frame-by-frame).
    public let smoothing: Float
    private let lock = NSLock()
    private var averages: [Int: (mean: [Float], std: [Float])] = [:]

    public init(smoothing: Float) {
        precondition(smoothing.isFinite && (0...1).contains(smoothing), "smoothing must be in 0...1")
        self.smoothing = smoothing
    }

    /// The statistics to use at `site` for this frame, given the frame's own; the first frame's
    /// are used as they are.
    func smoothed(site: Int, mean: [Float], std: [Float]) -> (mean: [Float], std: [Float]) {
        guard smoothing > 0 else { return (mean, std) }
        lock.lock()
        defer { lock.unlock() }
        guard let previous = averages[site], previous.mean.count == mean.count else {
            averages[site] = (mean, std)
            return (mean, std)
        }
        let keep = smoothing, take = 1 - smoothing
        let next = (mean: zip(previous.mean, mean).map { keep * $0 + take * $1 },
                    std: zip(previous.std, std).map { keep * $0 + take * $1 })
        averages[site] = next
        return next
    }
}
