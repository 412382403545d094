import Foundation

extension Response {
    /// JSON content (`application/json; charset=utf-8`), snake_case keys as the API specifies.
    /// A value that fails to encode is a server bug and becomes a 500 problem.
    public static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders())
        -> Response
    {
        do {
            return .jsonBytes([UInt8](try makeJSONEncoder().encode(value)), status: status, headers: headers)
        } catch {
            return .problem(.internalError)
        }
    }

    /// Already encoded JSON.
    public static func jsonBytes(_ body: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers.add("Content-Type", "application/json; charset=utf-8")
        return Response(status: status, headers: headers, body: .bytes(body))
    }

    /// The encoder the API uses everywhere: snake_case keys, ISO 8601 dates, stable key order.
    public static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
