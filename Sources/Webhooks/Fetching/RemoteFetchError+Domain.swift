import Common

/// How a refused fetch reaches a client: 422 naming the field, except `tooLarge` (413, though
/// callers turn it into the plan's `plan_limit` first) and internal failures.
extension RemoteFetchError: DomainError, CustomStringConvertible {
    public var category: ErrorCategory {
        switch self {
        case .tooLarge: .tooLarge
        case .internalFailure: .internalFailure
        default: .invalid
        }
    }

    public var code: String {
        switch self {
        case .invalidURL: "invalid_url"
        case .addressNotAllowed: "url_not_allowed"
        case .unresolvable: "url_unresolvable"
        case .unreachable: "url_unreachable"
        case .timedOut: "url_timeout"
        case .badStatus: "url_status"
        case .tooManyRedirects: "url_too_many_redirects"
        case .notMedia: "url_not_media"
        case .truncated: "url_truncated"
        case .tooLarge: "url_too_large"
        case .internalFailure: "internal"
        }
    }

    public var param: String? {
        switch self {
        case .invalidURL(let param, _), .addressNotAllowed(let param, _), .unresolvable(let param, _),
             .unreachable(let param, _), .timedOut(let param, _), .badStatus(let param, _),
             .tooManyRedirects(let param, _), .notMedia(let param, _), .truncated(let param, _, _),
             .tooLarge(let param, _, _):
            param
        case .internalFailure: nil
        }
    }

    public var members: [String: ErrorMember] {
        switch self {
        case .badStatus(_, let status): ["upstream_status": .integer(Int64(status))]
        case .tooLarge(_, let limit, let requested): ["allowed": .integer(limit), "requested": .integer(requested)]
        case .truncated(_, let received, let declared): ["received": .integer(received), "declared": .integer(declared)]
        default: [:]
        }
    }

    public var detail: String {
        switch self {
        case .invalidURL(let param, let detail): "\(param) \(detail)"
        case .addressNotAllowed(let param, let host):
            "\(param): \(host) is, or resolves to, a private, loopback, link-local or otherwise internal address; only public addresses are fetched."
        case .unresolvable(let param, let host): "\(param): the host \(host) does not resolve."
        case .unreachable(let param, let detail): "\(param) could not be fetched: \(detail)."
        case .timedOut(let param, let seconds): "\(param) did not answer completely within \(seconds) s."
        case .badStatus(let param, let status): "\(param) answered HTTP \(status); it must answer 200 with the file."
        case .tooManyRedirects(let param, let limit): "\(param) redirected more than \(limit) times."
        case .notMedia(let param, let type):
            "\(param) answered Content-Type \(type.isEmpty ? "(none)" : type); it must be an image (JPEG, PNG, WebP) or a video."
        case .truncated(let param, let received, let declared):
            "\(param) sent \(received) of the \(declared) bytes it declared; nothing was stored."
        case .tooLarge(let param, let limit, let requested):
            "\(param) is \(requested) bytes or more; at most \(limit) bytes are fetched."
        case .internalFailure: "Internal error."
        }
    }

    public var description: String { "\(code): \(detail)" }
}
