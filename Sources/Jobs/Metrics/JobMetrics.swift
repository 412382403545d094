import Inference

/// A snapshot of the job system for `/metrics`.
public struct JobMetrics: Sendable, Equatable {
    /// Inference work of one model since this process started: exported as counters, so that
    /// `rate(seconds) / rate(megapixels)` gives seconds per megapixel over any window.
    public struct InferenceTotals: Sendable, Equatable {
        /// Wall time spent in the network (the `inference_ms` of job timings), in seconds.
        public let seconds: Double
        /// Megapixels rendered (output pixels × frames).
        public let megapixels: Double

        public init(seconds: Double, megapixels: Double) {
            self.seconds = seconds
            self.megapixels = megapixels
        }

        /// Seconds per megapixel over everything rendered; nil before any pixel.
        public var secondsPerMegapixel: Double? { megapixels > 0 ? seconds / megapixels : nil }
    }

    /// Mean wall time (submission → success) of the last `JobMetrics.window` succeeded jobs, in
    /// milliseconds; nil before the first.
    public let meanLatencyMilliseconds: Double?
    /// How many latencies the mean covers (≤ `window`).
    public let latencySamples: Int
    /// Inference milliseconds per megapixel, per model, over every frame this process rendered.
    public let inferenceMillisecondsPerMegapixel: [ModelKind: Double]
    /// Inference totals per model that rendered at least one frame in this process.
    public let inference: [ModelKind: InferenceTotals]
    /// Jobs waiting for a worker (every account).
    public let queueDepth: Int
    /// Jobs in each state (every account, all time).
    public let jobsByStatus: [JobStatus: Int]
    /// Jobs this process is running right now.
    public let runningHere: Int

    /// Latencies kept for the rolling mean.
    public static let window = 64
}
