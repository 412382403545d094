import Foundation

extension Response {
    /// An RFC 9457 `application/problem+json` response for the error, with its extra headers.
    public static func problem(_ error: HTTPError) -> Response {
        var headers = error.headers
        headers.add("Content-Type", "application/problem+json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(ProblemDocument(error))).map { [UInt8]($0) } ?? []
        return Response(status: error.status, headers: headers, body: .bytes(bytes))
    }
}
