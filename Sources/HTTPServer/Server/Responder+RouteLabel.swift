extension Responder.Plan {
    /// The `route` label of this plan's response: the matched route's template (never the raw
    /// path, whose ids would make the label set unbounded), `static`, or `unmatched`.
    var routeLabel: String {
        switch action {
        case .route(let route): route.pattern.description
        case .staticFiles: RouteLabel.staticFiles
        case .respond: RouteLabel.unmatched
        }
    }
}
