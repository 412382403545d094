import Foundation
import HTTPServer

/// A request body that must be one JSON object, read field by field so every kind of bad input
/// gets its own precise problem: 415 for a non-JSON `Content-Type`, 400 `invalid_json` for bytes
/// that are not a JSON object, 422 `missing_field` / `invalid_field` naming the `param`.
/// Unknown fields are ignored, so clients may send more than this version reads.
struct JSONObjectBody {
    private let fields: [String: Any]

    init(_ request: Request) throws {
        if let type = request.headers["content-type"], !Self.isJSON(type) {
            throw HTTPError(
                .unsupportedMediaType, code: "unsupported_media_type",
                detail: "Send the body as application/json.")
        }
        let bytes = try request.body.collect()
        guard !bytes.isEmpty else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "invalid_json")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw HTTPError.badRequest("The body is not valid JSON.", code: "invalid_json")
        }
        guard let object = parsed as? [String: Any] else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "invalid_json")
        }
        fields = object
    }

    /// A string field that must be present.
    func requiredString(_ name: String) throws -> String {
        guard let value = try optionalString(name) else {
            throw HTTPError(.unprocessableContent, code: "missing_field", detail: "The field \"\(name)\" is required.", param: name)
        }
        return value
    }

    /// A string field that may be absent or null.
    func optionalString(_ name: String) throws -> String? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let string = value as? String else { throw Self.wrongType(name, expected: "a string") }
        return string
    }

    /// An array of strings that may be absent or null.
    func optionalStrings(_ name: String) throws -> [String]? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let array = value as? [Any] else { throw Self.wrongType(name, expected: "an array of strings") }
        return try array.map { element in
            guard let string = element as? String else { throw Self.wrongType(name, expected: "an array of strings") }
            return string
        }
    }

    private static func wrongType(_ name: String, expected: String) -> HTTPError {
        HTTPError(.unprocessableContent, code: "invalid_field", detail: "The field \"\(name)\" must be \(expected).", param: name)
    }

    private static func isJSON(_ contentType: String) -> Bool {
        let essence = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
        return essence == "application/json" || essence.hasSuffix("+json")
    }
}
