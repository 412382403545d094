/// Which browser origins may call the API. Origins are compared exactly (`https://app.example.com`);
/// `*` allows any origin (credentials are never needed: the API uses bearer tokens, not cookies).
public struct CORSPolicy: Sendable {
    public var allowedOrigins: Set<String>
    public var allowedHeaders: [String] = ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"]
    public var exposedHeaders: [String] = [
        "X-Request-Id", "Location", "Retry-After", "RateLimit", "RateLimit-Policy", "ETag", "Content-Range",
    ]
    /// How long browsers may cache a preflight answer, in seconds.
    public var maxAgeSeconds: Int = 600

    public init(allowedOrigins: [String]) {
        self.allowedOrigins = Set(allowedOrigins)
    }

    func allows(_ origin: String) -> Bool {
        allowedOrigins.contains("*") || allowedOrigins.contains(origin)
    }

    /// Adds the response headers for an actual (non-preflight) cross-origin request.
    func decorate(_ response: inout Response, origin: String) {
        guard allows(origin) else { return }
        response.headers.set("Access-Control-Allow-Origin", allowedOrigins.contains("*") ? "*" : origin)
        response.headers.add("Vary", "Origin")
        response.headers.set("Access-Control-Expose-Headers", exposedHeaders.joined(separator: ", "))
    }

    /// The answer to a preflight `OPTIONS` for a path that supports `methods`.
    func preflight(origin: String, requestedMethod: String, methods: [HTTPMethod]) -> Response {
        guard allows(origin) else {
            return .problem(HTTPError(.forbidden, code: "cors_origin_not_allowed",
                                      detail: "The origin \(origin) may not call this API."))
        }
        var response = Response(status: .noContent)
        response.headers.add("Access-Control-Allow-Origin", allowedOrigins.contains("*") ? "*" : origin)
        response.headers.add("Access-Control-Allow-Methods", methods.map(\.rawValue).joined(separator: ", "))
        response.headers.add("Access-Control-Allow-Headers", allowedHeaders.joined(separator: ", "))
        response.headers.add("Access-Control-Max-Age", String(maxAgeSeconds))
        response.headers.add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
        return response
    }
}
