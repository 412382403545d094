import Inference
import Jobs

extension JobMetrics {
    /// The job and inference figures of `/metrics`. Every model and every state gets a series,
    /// zero included, so that `rate()` and alerts see a series from the first scrape.
    public var families: [MetricFamily] {
        let models = ModelKind.allCases
        let zero = InferenceTotals(seconds: 0, megapixels: 0)
        return [
            MetricFamily(
                name: "stylify_inference_seconds_total", help: "Seconds spent in the style network by this process, per model.",
                kind: .counter,
                samples: models.map { MetricSample(labels: [("model", $0.rawValue)], (inference[$0] ?? zero).seconds) }),
            MetricFamily(
                name: "stylify_inference_megapixels_total", help: "Megapixels stylized by this process (pixels × frames), per model.",
                kind: .counter,
                samples: models.map { MetricSample(labels: [("model", $0.rawValue)], (inference[$0] ?? zero).megapixels) }),
            MetricFamily(
                name: "stylify_inference_seconds_per_megapixel",
                help: "Inference seconds per megapixel over everything this process rendered, per model that rendered.",
                kind: .gauge,
                samples: models.compactMap { model in
                    inference[model]?.secondsPerMegapixel.map { MetricSample(labels: [("model", model.rawValue)], $0) }
                }),
            MetricFamily(
                name: "stylify_jobs_queue_depth", help: "Stylization jobs waiting for a worker (every account).",
                kind: .gauge, samples: [MetricSample(Double(queueDepth))]),
            MetricFamily(
                name: "stylify_jobs", help: "Stylization jobs in each state (every account, all time).",
                kind: .gauge,
                samples: JobStatus.allCases.map {
                    MetricSample(labels: [("state", $0.rawValue)], Double(jobsByStatus[$0] ?? 0))
                }),
            MetricFamily(
                name: "stylify_jobs_running", help: "Stylization jobs this process is running now.",
                kind: .gauge, samples: [MetricSample(Double(runningHere))]),
            MetricFamily(
                name: "stylify_stylization_latency_seconds_rolling_mean",
                help: "Mean time from submission to success of the last \(JobMetrics.window) succeeded jobs (0 before the first).",
                kind: .gauge, samples: [MetricSample((meanLatencyMilliseconds ?? 0) / 1000)]),
            MetricFamily(
                name: "stylify_stylization_latency_samples",
                help: "How many succeeded jobs the rolling mean covers (at most \(JobMetrics.window)).",
                kind: .gauge, samples: [MetricSample(Double(latencySamples))]),
        ]
    }
}

extension MetricsCollector {
    /// The job service's figures (one database read per scrape).
    public static func jobs(_ service: JobService) -> MetricsCollector {
        MetricsCollector("jobs") { try service.metrics().families }
    }
}
