import HTTPServer
import Webhooks

/// `POST/GET /v1/webhooks`, `GET/PATCH/DELETE /v1/webhooks/{id}`, `GET /v1/webhooks/{id}/deliveries`.
/// Every lookup is scoped to the caller's account: another tenant's endpoint is a 404 exactly
/// like a missing one. The signing secret is shown only in the answer to POST.
enum WebhookRoutes {
    static let readScope = "webhooks:read"
    static let writeScope = "webhooks:write"

    /// Handlers touch SQLite: always on the worker pool.
    static let blocking = RouteOptions(execution: .worker, maxBodyBytes: 16 * 1024)

    static func register(on router: inout Router, service: WebhookService) {
        router.post("/webhooks", options: blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            let body = try JSONObjectBody(request)
            let created = try service.create(
                account: principal.accountID.rawValue, url: try body.requiredString("url"), events: try body.optionalStrings("events"))
            return .json(
                WebhookEndpointResource(created.endpoint, secret: created.secret), status: .created,
                headers: ["Location": "/v1/webhooks/\(created.endpoint.id.rawValue)"])
        }

        router.get("/webhooks", options: blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let page = try PageRequest(request)
            let found = try service.list(account: principal.accountID.rawValue, limit: page.limit, startingAfter: page.startingAfter)
            return .json(ListPage(data: found.endpoints.map { WebhookEndpointResource($0) }, hasMore: found.hasMore))
        }

        router.get("/webhooks/{id}", options: blocking) { request in
            let principal = try request.principal(requiring: readScope)
            return .json(WebhookEndpointResource(try service.get(try request.parameters.require("id"), account: principal.accountID.rawValue)))
        }

        // Only `events` can change: a new URL would need a new secret, i.e. a new endpoint.
        router.patch("/webhooks/{id}", options: blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            let body = try JSONObjectBody(request)
            guard let events = try body.optionalStrings("events") else {
                throw HTTPError(.unprocessableContent, code: "missing_field", detail: "The field \"events\" is required.", param: "events")
            }
            let updated = try service.update(try request.parameters.require("id"), account: principal.accountID.rawValue, events: events)
            return .json(WebhookEndpointResource(updated))
        }

        router.delete("/webhooks/{id}", options: blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            try service.delete(try request.parameters.require("id"), account: principal.accountID.rawValue)
            return .empty()
        }

        router.get("/webhooks/{id}/deliveries", options: blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let page = try PageRequest(request)
            let deliveries = try service.deliveries(
                of: try request.parameters.require("id"), account: principal.accountID.rawValue, limit: page.limit)
            return .json(ListPage(data: deliveries.map(WebhookDeliveryResource.init), hasMore: false))
        }
    }
}
