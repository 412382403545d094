extension HTTPRequestMetrics {
    /// `stylify_http_requests_total` and `stylify_http_request_duration_seconds`, by method,
    /// route template and status, sorted for a stable exposition.
    public var collector: MetricsCollector {
        MetricsCollector("http") { [self] in families() }
    }

    public func families() -> [MetricFamily] {
        let series = snapshot().sorted {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }
        func labels(_ key: Key) -> [(name: String, value: String)] {
            [("method", key.method), ("route", key.route), ("status", String(key.status))]
        }
        return [
            MetricFamily(
                name: "stylify_http_requests_total", help: "HTTP responses sent, by method, route template and status.",
                kind: .counter, samples: series.map { MetricSample(labels: labels($0.key), Double($0.value.count)) }),
            MetricFamily(
                name: "stylify_http_request_duration_seconds",
                help: "Time from the first byte of a request to the last byte of its response.",
                kind: .histogram, samples: series.map { MetricSample(labels: labels($0.key), value: .histogram($0.value)) }),
        ]
    }
}
