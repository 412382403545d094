/// One source of figures for `/metrics` (HTTP requests, jobs, the process, webhook deliveries…),
/// asked for its families at every scrape. Register collectors when wiring the server:
///
///     registry.register(MetricsCollector("webhooks") { try webhooks.metrics().families })
public struct MetricsCollector: Sendable {
    /// Names the collector in `stylify_metrics_collector_up{collector=…}`.
    public let name: String
    let collect: @Sendable () throws -> [MetricFamily]

    /// - Parameter collect: called on a worker thread at each scrape; may block briefly (a database
    ///   read) and may throw, which marks the collector down for that scrape.
    public init(_ name: String, collect: @escaping @Sendable () throws -> [MetricFamily]) {
        self.name = name
        self.collect = collect
    }
}
