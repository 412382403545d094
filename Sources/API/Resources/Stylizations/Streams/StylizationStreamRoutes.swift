import HTTPServer

/// `GET /v1/stylizations/{id}/events`: a Server-Sent Events stream of one stylization
/// (`started`, `progress`, then `succeeded`, `failed` or `canceled`, and the stream ends).
/// Scoped to the caller's account like every stylization lookup; scope `stylizations:read`.
enum StylizationStreamRoutes {
    /// The handler reads the database; the stream it answers holds no thread afterwards.
    static let blocking = RouteOptions(execution: .worker, maxBodyBytes: 0)

    static func register(on router: inout Router, streams: StylizationEventStreams) {
        router.get("/stylizations/{id}/events", options: blocking) { request in
            let principal = try request.principal(requiring: StylizationRoutes.readScope)
            return try streams.open(
                try request.parameters.require("id"), account: principal.accountID.rawValue,
                lastEventID: request.headers["last-event-id"])
        }
    }
}
