import Common
import Foundation

/// Decides which of a job's progress updates are told: one is let through only when at least
/// `interval` passed and at least `step` of the job was rendered since the last one let through,
/// so a 600-frame video makes at most `1 / step` events, never one per frame.
public final class ProgressThrottle: Sendable {
    public let interval: TimeInterval
    /// A fraction of the job's frames, 0...1.
    public let step: Double
    private let last = Locked<[String: (frames: Int, at: Date)]>([:])

    public init(interval: TimeInterval, step: Double) {
        self.interval = interval
        self.step = min(max(step, 0), 1)
    }

    /// Whether to tell this update; when true it becomes the last one told for `id`.
    public func admit(_ id: String, done: Int, total: Int, now: Date = Date()) -> Bool {
        guard total > 0, done > 0 else { return false }
        return last.withLock { table in
            let previous = table[id] ?? (0, .distantPast)
            guard done > previous.frames,
                  Double(done - previous.frames) >= step * Double(total),
                  now.timeIntervalSince(previous.at) >= interval else { return false }
            table[id] = (done, now)
            return true
        }
    }

    /// Drops what is kept about `id` (its job ended).
    public func forget(_ id: String) {
        _ = last.withLock { $0.removeValue(forKey: id) }
    }

    /// Jobs it keeps a last update for.
    public var count: Int { last.withLock { $0.count } }
}
