import API
import Foundation
import HTTPServer
import Storage
import Webhooks

extension ServeCommand {
    /// The webhooks side of `serve`: the `/v1/webhooks` endpoints and a `WebhookService` (once
    /// started, its dispatchers send what an earlier run left pending). Pass it to the
    /// stylizations set-up, which enqueues their terminal events; the caller adds it to the
    /// lifecycle.
    static func makeWebhooks(
        settings: ServeSettings, router: inout Router, authenticated: AuthenticatedRoutes, database: any SQLDatabase
    ) -> WebhookService {
        let allowsPrivate = settings.webhooksAllowPrivate
        let webhooks = WebhookService(database: database, configuration: WebhookConfiguration(allowsPrivateAddresses: allowsPrivate))
        WebhookEndpoints.register(on: &router, authenticated: authenticated, webhooks: webhooks)
        if allowsPrivate {
            log("level=warn msg=\"webhooks may be sent to private and loopback addresses\"")
        }
        return webhooks
    }
}
