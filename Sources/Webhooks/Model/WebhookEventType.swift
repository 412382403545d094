/// The events an endpoint can subscribe to: a stylization's terminal statuses (the defaults),
/// and the opt-in ones — its start, its progress, and the end of a batch.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    case stylizationSucceeded = "stylization.succeeded"
    case stylizationFailed = "stylization.failed"
    case stylizationCanceled = "stylization.canceled"
    /// Opt-in: a worker started the stylization.
    case stylizationStarted = "stylization.started"
    /// Opt-in: frames rendered so far, at most one per second and per tenth of the job.
    case stylizationProgress = "stylization.progress"
    /// Opt-in: every item of a batch ended.
    case batchCompleted = "batch.completed"

    /// What an endpoint registered without `events` receives: the events that existed before
    /// the opt-in ones, so no endpoint gets traffic it did not ask for.
    public static let defaults: [WebhookEventType] = [.stylizationSucceeded, .stylizationFailed, .stylizationCanceled]

    /// Sent only to endpoints that list it: a per-request callback (`webhook_url`) does not get
    /// it unless its endpoint subscribes.
    public var isOptIn: Bool { !Self.defaults.contains(self) }
}
