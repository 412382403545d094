import HTTPServer
import Webhooks

/// The webhook endpoints of API.md, behind the authenticated middleware stack.
///
///     let webhooks = WebhookService(database: db)
///     WebhookEndpoints.register(on: &router, authenticated: stack, webhooks: webhooks)
public enum WebhookEndpoints {
    /// Registers `POST/GET /v1/webhooks`, `GET/DELETE /v1/webhooks/{id}` and `GET /v1/webhooks/{id}/deliveries`.
    public static func register(on router: inout Router, authenticated: AuthenticatedRoutes, webhooks: WebhookService) {
        router.group("/v1", middleware: authenticated.middleware) { v1 in
            WebhookRoutes.register(on: &v1, service: webhooks)
        }
    }
}
