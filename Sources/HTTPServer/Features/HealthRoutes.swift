/// `GET /healthz` (the process answers) and `GET /readyz` (every registered check passes; otherwise
/// 503 naming the checks that failed).
enum HealthRoutes {
    /// Built once: the probe answer allocates nothing per request.
    private static let healthy = Response(
        status: .ok, headers: ["Content-Type": "application/json"], body: .bytes(Array(#"{"status":"ok"}"#.utf8)))

    static func register(on router: inout Router, checks: [ReadinessCheck], role: String?) {
        if !router.hasRoute(.get, "/healthz") {
            let healthy = Self.healthy
            router.get("/healthz", options: .inline) { _ in healthy }
        }
        if !router.hasRoute(.get, "/readyz") {
            router.get("/readyz") { _ in readiness(checks, role: role) }
        }
    }

    struct Report: Encodable {
        var status: String
        var role: String?
        var checks: [String: String]
    }

    struct NotReady: Encodable {
        var type = HTTPError.typeBase + "not_ready"
        var title = "Service Unavailable"
        var status = 503
        var code = "not_ready"
        var detail: String
        var failed: [String]
        var role: String?
        var checks: [String: String]
    }

    static func readiness(_ checks: [ReadinessCheck], role: String?) -> Response {
        var results: [String: String] = [:]
        var failed: [String] = []
        for check in checks {
            do {
                if let shown = try check.evaluate() {
                    results[check.name] = shown
                } else {
                    results[check.name] = "failed"
                    failed.append(check.name)
                }
            } catch {
                results[check.name] = "failed: \(error)"
                failed.append(check.name)
            }
        }
        if failed.isEmpty { return .json(Report(status: "ready", role: role, checks: results)) }
        var response = Response.json(
            NotReady(detail: "Not ready: \(failed.joined(separator: ", ")) failed.", failed: failed, role: role, checks: results),
            status: .serviceUnavailable, headers: ["Retry-After": "5"])
        response.headers.set("Content-Type", "application/problem+json")
        return response
    }
}
