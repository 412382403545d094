/// The collectors behind `/metrics`, in registration order. A value: build it before the server
/// starts, like the router.
public struct MetricsRegistry: Sendable {
    public private(set) var collectors: [MetricsCollector] = []

    public init(_ collectors: [MetricsCollector] = []) {
        self.collectors = collectors
    }

    public mutating func register(_ collector: MetricsCollector) {
        collectors.append(collector)
    }

    /// Every collector's families, then `stylify_metrics_collector_up` (1 per collector that
    /// answered, 0 for one that threw; its families are left out of this scrape rather than
    /// failing the whole scrape, so one broken source never hides the others).
    public func collect() -> (families: [MetricFamily], failures: [(collector: String, error: any Error)]) {
        var families: [MetricFamily] = []
        var up: [MetricSample] = []
        var failures: [(collector: String, error: any Error)] = []
        for collector in collectors {
            do {
                families += try collector.collect()
                up.append(MetricSample(labels: [("collector", collector.name)], 1))
            } catch {
                up.append(MetricSample(labels: [("collector", collector.name)], 0))
                failures.append((collector.name, error))
            }
        }
        families.append(MetricFamily(
            name: "stylify_metrics_collector_up", help: "Whether each metrics collector answered this scrape (1) or failed (0).",
            kind: .gauge, samples: up))
        return (families, failures)
    }
}
