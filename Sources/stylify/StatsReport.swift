import API
import Foundation

/// What `stylify admin stats` shows, read from the server's `/metrics` families. Encoded as its
/// `--json` (snake_case keys); figures the server did not expose are left out or empty.
struct StatsReport: Encodable {
    struct RequestSeries: Encodable {
        let method: String
        let route: String
        let status: Int
        let count: UInt64
        /// Estimated from the duration histogram, as Prometheus' histogram_quantile does.
        let p50Seconds: Double?
        let p99Seconds: Double?
    }

    struct Inference: Encodable {
        let model: String
        let seconds: Double
        let megapixels: Double
        let secondsPerMegapixel: Double?
    }

    struct Jobs: Encodable {
        let queueDepth: Int?
        let runningHere: Int?
        let byState: [String: Int]
        let latencyRollingMeanSeconds: Double?
        let latencySamples: Int?
    }

    let server: String
    let version: String?
    let startTime: Date?
    let residentMemoryBytes: Int?
    let requests: [RequestSeries]
    let inference: [Inference]
    let jobs: Jobs
    /// `stylify_webhook_deliveries{status}`, when the server has webhooks.
    let webhookDeliveries: [String: Int]?
    /// `stylify_webhook_delivery_attempts_total{outcome}`, when the server has webhooks.
    let webhookDeliveryAttempts: [String: Int]?
    /// Collectors that failed on the server during this scrape.
    let failedCollectors: [String]

    init(server: String, families: [MetricFamily]) {
        let byName = Dictionary(families.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func number(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            byName[name]?.sample(labels)?.number
        }
        func byLabel(_ name: String, _ label: String) -> [String: Int]? {
            guard let family = byName[name] else { return nil }
            var out: [String: Int] = [:]
            for sample in family.samples {
                guard let key = sample.labelDictionary[label], let value = sample.number, value.isFinite else { continue }
                out[key, default: 0] += Int(value)
            }
            return out
        }
        self.server = server
        version = byName["stylify_build_info"]?.samples.first?.labelDictionary["version"]
        startTime = number("stylify_process_start_time_seconds").map { Date(timeIntervalSince1970: $0) }
        residentMemoryBytes = number("stylify_process_resident_memory_bytes").flatMap { $0.isFinite ? Int($0) : nil }

        let durations = byName["stylify_http_request_duration_seconds"]?.samples ?? []
        requests = durations.compactMap { sample in
            guard let histogram = sample.histogram else { return nil }
            let labels = sample.labelDictionary
            return RequestSeries(
                method: labels["method"] ?? "", route: labels["route"] ?? "", status: Int(labels["status"] ?? "") ?? 0,
                count: histogram.count, p50Seconds: histogram.quantile(0.5), p99Seconds: histogram.quantile(0.99))
        }
        .sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }

        let models = (byName["stylify_inference_seconds_total"]?.samples ?? []).compactMap { $0.labelDictionary["model"] }
        inference = models.map { model in
            let seconds = number("stylify_inference_seconds_total", ["model": model]) ?? 0
            let megapixels = number("stylify_inference_megapixels_total", ["model": model]) ?? 0
            return Inference(
                model: model, seconds: seconds, megapixels: megapixels,
                secondsPerMegapixel: number("stylify_inference_seconds_per_megapixel", ["model": model]))
        }

        let samples = number("stylify_stylization_latency_samples").map { Int($0) }
        jobs = Jobs(
            queueDepth: number("stylify_jobs_queue_depth").map { Int($0) },
            runningHere: number("stylify_jobs_running").map { Int($0) },
            byState: byLabel("stylify_jobs", "state") ?? [:],
            latencyRollingMeanSeconds: samples == 0 ? nil : number("stylify_stylization_latency_seconds_rolling_mean"),
            latencySamples: samples)
        webhookDeliveries = byLabel("stylify_webhook_deliveries", "status")
        webhookDeliveryAttempts = byLabel("stylify_webhook_delivery_attempts_total", "outcome")
        failedCollectors = (byName["stylify_metrics_collector_up"]?.samples ?? [])
            .filter { $0.number == 0 }.compactMap { $0.labelDictionary["collector"] }
    }
}
