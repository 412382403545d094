import HTTPServer

/// `GET /metrics`: the registry's families in the Prometheus text format, for whoever holds the
/// operator token. Not behind account authentication or its rate limit (a scraper is not an
/// account); its own requests are counted like any other route's.
public enum MetricsEndpoint {
    public static let path = "/metrics"

    /// Registers the route. `log` receives one line per collector that failed during a scrape.
    public static func register(
        on router: inout Router, registry: MetricsRegistry, token: OperatorToken, log: AccessLog = AccessLog(format: .off)
    ) {
        router.get(path) { request in
            try authorize(request, token: token)
            let (families, failures) = registry.collect()
            for failure in failures {
                log.event(level: "error", "metrics collector failed", [
                    ("request_id", request.requestID), ("collector", failure.collector), ("error", "\(failure.error)"),
                ])
            }
            return Response(
                status: .ok, headers: ["Content-Type": PrometheusText.contentType, "Cache-Control": "no-store"],
                body: .bytes(Array(PrometheusText.encode(families).utf8)))
        }
    }

    static func authorize(_ request: Request, token: OperatorToken) throws {
        guard let presented = try BearerToken.extract(from: request) else {
            throw HTTPError(
                .unauthorized, code: "operator_token_required",
                detail: "GET /metrics needs the operator token: Authorization: Bearer <token>.",
                headers: ["WWW-Authenticate": challenge])
        }
        guard token.matches(presented) else {
            throw HTTPError(
                .unauthorized, code: "invalid_operator_token", detail: "The operator token is not valid.",
                headers: ["WWW-Authenticate": challenge + #", error="invalid_token""#])
        }
    }

    private static let challenge = #"Bearer realm="stylify-operator""#
}
