import Webhooks

extension WebhookMetrics {
    /// The webhook figures of `/metrics`. Every status and outcome gets a series, zero included,
    /// so alerts on failures see a series from the first scrape.
    public var families: [MetricFamily] {
        [
            MetricFamily(
                name: "stylify_webhook_deliveries", help: "Webhook deliveries in each status (every account; finished ones are kept 30 days).",
                kind: .gauge,
                samples: DeliveryStatus.allCases.map {
                    MetricSample(labels: [("status", $0.rawValue)], Double(deliveriesByStatus[$0] ?? 0))
                }),
            MetricFamily(
                name: "stylify_webhook_delivery_attempts_total", help: "Webhook delivery attempts by this process, by outcome.",
                kind: .counter,
                samples: AttemptOutcome.allCases.map {
                    MetricSample(labels: [("outcome", $0.rawValue)], Double(attemptsByOutcome[$0] ?? 0))
                }),
        ]
    }
}

extension MetricsCollector {
    /// The webhook service's figures (one database read per scrape).
    public static func webhooks(_ service: WebhookService) -> MetricsCollector {
        MetricsCollector("webhooks") { try service.metrics().families }
    }
}
