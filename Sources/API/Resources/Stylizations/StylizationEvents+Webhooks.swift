import Stylizations
import Webhooks

extension StylizationEvents {
    /// Terminal events enqueued for `webhooks`, each carrying the stylization as the API renders
    /// it (`StylizationResource`, exactly the JSON of `GET /v1/stylizations/{id}`).
    public static func webhooks(_ webhooks: WebhookService) -> StylizationEvents {
        StylizationEvents(webhooks: webhooks, render: StylizationResource.eventData, renderBatch: StylizationBatchResource.eventData)
    }
}
