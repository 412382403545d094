/// Frames rendered so far out of the job's total (an image is one frame).
public struct JobProgress: Sendable, Equatable, Codable {
    public let done: Int
    public let total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }

    /// 0...1.
    public var fraction: Double {
        total > 0 ? Double(min(done, total)) / Double(total) : 0
    }
}
