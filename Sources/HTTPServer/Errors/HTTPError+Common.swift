/// The errors the HTTP layer itself produces, in one place so codes stay stable.
extension HTTPError {
    public static func badRequest(_ detail: String, code: String = "bad_request", param: String? = nil) -> HTTPError {
        HTTPError(.badRequest, code: code, detail: detail, param: param)
    }

    public static func notFound(_ detail: String = "No resource at this path.") -> HTTPError {
        HTTPError(.notFound, code: "not_found", detail: detail)
    }

    public static func methodNotAllowed(allowed: [HTTPMethod]) -> HTTPError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return HTTPError(
            .methodNotAllowed, code: "method_not_allowed",
            detail: "This resource supports \(list).", headers: ["Allow": list])
    }

    public static func contentTooLarge(limit: Int64, used: Int64? = nil) -> HTTPError {
        HTTPError(
            .contentTooLarge, code: "body_too_large",
            detail: "The request body exceeds the limit of \(limit) bytes for this route.", limit: limit, used: used)
    }

    static let uriTooLong = HTTPError(.uriTooLong, code: "uri_too_long", detail: "The request target is too long.")
    static let headersTooLarge = HTTPError(
        .headerFieldsTooLarge, code: "headers_too_large", detail: "The request header section is too large.")
    static let requestTimeout = HTTPError(
        .requestTimeout, code: "request_timeout", detail: "The request was not received in time.")
    static let unsupportedVersion = HTTPError(
        .httpVersionNotSupported, code: "http_version_not_supported", detail: "Only HTTP/1.0 and HTTP/1.1 are served.")

    static func malformed(_ detail: String, code: String = "malformed_request") -> HTTPError {
        HTTPError(.badRequest, code: code, detail: detail)
    }

    static func notImplemented(_ detail: String) -> HTTPError {
        HTTPError(.notImplemented, code: "not_implemented", detail: detail)
    }

    public static func serviceUnavailable(_ detail: String, retryAfterSeconds: Int) -> HTTPError {
        HTTPError(
            .serviceUnavailable, code: "service_unavailable", detail: detail,
            headers: ["Retry-After": String(retryAfterSeconds)])
    }

    public static let internalError = HTTPError(
        .internalServerError, code: "internal_error", detail: "The server failed to handle this request.")
}
