/// A snapshot for `/metrics`: deliveries by status (from the database, so every process's
/// work counts) and this process's attempts since it started, by outcome.
public struct WebhookMetrics: Sendable, Equatable {
    /// `pending`, `delivered`, `failed`: every status is present, zero when none.
    public let deliveriesByStatus: [DeliveryStatus: Int]
    /// Every outcome is present, zero when none.
    public let attemptsByOutcome: [AttemptOutcome: Int]
}
