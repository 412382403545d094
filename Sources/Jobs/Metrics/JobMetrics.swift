import Inference

/// A snapshot of the job system for `/metrics`.
public struct JobMetrics: Sendable, Equatable {
    /// Mean wall time (submission → success) of the last `JobMetrics.window` succeeded jobs, in
    /// milliseconds; nil before the first.
    public let meanLatencyMilliseconds: Double?
    /// How many latencies the mean covers (≤ `window`).
    public let latencySamples: Int
    /// Inference milliseconds per megapixel, per model, over every frame this process rendered.
    public let inferenceMillisecondsPerMegapixel: [ModelKind: Double]
    /// Jobs waiting for a worker (every account).
    public let queueDepth: Int
    /// Jobs in each state (every account, all time).
    public let jobsByStatus: [JobStatus: Int]
    /// Jobs this process is running right now.
    public let runningHere: Int

    /// Latencies kept for the rolling mean.
    public static let window = 64
}
