import Webhooks

/// Where a stylization's terminal event goes and how its payload is written: the webhooks
/// service, and the adapter's rendering of the stylization (the API's JSON, exactly as `GET`
/// answers it), which this module does not know.
public struct StylizationEvents: Sendable {
    public let webhooks: WebhookService
    /// The event's `data`: the stylization as its clients see it.
    public let render: @Sendable (Stylization) throws -> [UInt8]
    /// The `data` of `batch.completed`: the batch as `GET /v1/stylizations/batches/{id}` shows
    /// it; nil sends no batch events.
    public let renderBatch: (@Sendable (StylizationBatch) throws -> [UInt8])?

    public init(webhooks: WebhookService, render: @escaping @Sendable (Stylization) throws -> [UInt8],
                renderBatch: (@Sendable (StylizationBatch) throws -> [UInt8])? = nil) {
        self.webhooks = webhooks
        self.render = render
        self.renderBatch = renderBatch
    }
}
