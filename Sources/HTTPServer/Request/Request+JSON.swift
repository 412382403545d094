import Foundation

extension Request {
    /// Decodes a JSON body; a body that does not decode is a 400 naming the field at fault.
    /// The default decoder mirrors `Response.json`: snake_case keys, ISO 8601 dates.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = Request.makeJSONDecoder()) throws -> T {
        let bytes = try body.collect()
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw HTTPError.badRequest(Request.describe(error), code: "invalid_json", param: Request.param(of: error))
        }
    }

    /// The decoder the API uses for request bodies.
    public static func makeJSONDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    private static func param(of error: DecodingError) -> String? {
        let path: [CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        // Report the field as the client spelled it (snake_case), not as the Swift property is named.
        return path.isEmpty ? nil : path.map { Self.snakeCase($0.stringValue) }.joined(separator: ".")
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "Missing field \"\(snakeCase(key.stringValue))\"."
        case .typeMismatch(let type, _): return "A field has the wrong type (expected \(type))."
        case .valueNotFound(let type, _): return "A field is null where \(type) is required."
        case .dataCorrupted(let context): return "The body is not valid JSON: \(context.debugDescription)"
        @unknown default: return "The body could not be decoded."
        }
    }

    private static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                if !out.isEmpty { out.append("_") }
                out.append(contentsOf: character.lowercased())
            } else {
                out.append(character)
            }
        }
        return out
    }
}
