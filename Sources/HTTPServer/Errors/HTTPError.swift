/// The one error type handlers throw to answer with a specific status. It renders as an RFC 9457
/// `application/problem+json` document (see API.md) and can carry extra response headers
/// (`Allow`, `Retry-After`, …).
public struct HTTPError: Error, Sendable, Equatable {
    /// The HTTP status of the response.
    public var status: HTTPStatus
    /// A stable machine-readable string (`not_found`, `plan_limit`, …).
    public var code: String
    /// A short human summary of the problem type; defaults to the status' reason phrase.
    public var title: String
    /// A human explanation of this occurrence.
    public var detail: String?
    /// The request parameter at fault, if any.
    public var param: String?
    /// The limit that was exceeded and how much was used, where that is useful.
    public var limit: Int64?
    public var used: Int64?
    /// Extra headers for the response (not rendered into the document).
    public var headers: HTTPHeaders
    /// Further members of the problem document (RFC 9457 §3.2 extensions), e.g. a quota refusal's
    /// `allowed`, `plan`, `upgrade_to`. A member named like a standard one (`limit`) replaces it.
    public var extensions: [String: ProblemMember] = [:]

    public init(
        _ status: HTTPStatus,
        code: String,
        title: String? = nil,
        detail: String? = nil,
        param: String? = nil,
        limit: Int64? = nil,
        used: Int64? = nil,
        headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.status = status
        self.code = code
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.param = param
        self.limit = limit
        self.used = used
        self.headers = headers
    }

    /// The problem type URI: one per `code`, so clients can link to documentation.
    public var type: String { HTTPError.typeBase + code }

    /// Where problem types are documented.
    public static let typeBase = "https://stylify.dev/problems/"

    public static func == (lhs: HTTPError, rhs: HTTPError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.title == rhs.title && lhs.detail == rhs.detail
            && lhs.param == rhs.param && lhs.limit == rhs.limit && lhs.used == rhs.used
            && lhs.extensions == rhs.extensions
    }
}
