/// How the length of a request body is determined (RFC 9112 §6.3).
enum BodyFraming: Equatable {
    case none
    case length(Int64)
    case chunked
}

/// A parsed and validated request head.
struct RequestHead {
    var method: HTTPMethod
    var target: String
    var minorVersion: Int
    var headers: HTTPHeaders
    var framing: BodyFraming
    var keepAlive: Bool
    var expectContinue: Bool
}
