import API
import Foundation
import HTTPServer
import Storage
import Webhooks

extension ServeCommand {
    /// The webhooks side of `serve`: the `/v1/webhooks` endpoints and a started `WebhookService`
    /// (its dispatchers send what an earlier run left pending). Pass it to the stylizations
    /// set-up, which enqueues their terminal events, and stop it on shutdown.
    func startWebhooks(
        options: WebhookServeOptions, router: inout Router, authenticated: AuthenticatedRoutes, database: Database
    ) -> WebhookService {
        let fromEnvironment = ["1", "true", "yes"].contains(
            ProcessInfo.processInfo.environment["STYLIFY_WEBHOOKS_ALLOW_PRIVATE"]?.lowercased() ?? "")
        let allowsPrivate = options.webhooksAllowPrivate || fromEnvironment
        let webhooks = WebhookService(database: database, configuration: WebhookConfiguration(allowsPrivateAddresses: allowsPrivate))
        WebhookEndpoints.register(on: &router, authenticated: authenticated, webhooks: webhooks)
        if allowsPrivate {
            FileHandle.standardError.write(Data("level=warn msg=\"webhooks may be sent to private and loopback addresses\"\n".utf8))
        }
        webhooks.start()
        return webhooks
    }
}
