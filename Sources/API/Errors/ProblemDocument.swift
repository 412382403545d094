/// The RFC 9457 body of an `HTTPError`, field names as API.md specifies.
struct ProblemDocument: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    let code: String
    let param: String?
    let limit: Int64?
    let used: Int64?

    init(_ error: HTTPError) {
        type = error.type
        title = error.title
        status = error.status.code
        detail = error.detail
        code = error.code
        param = error.param
        limit = error.limit
        used = error.used
    }
}
