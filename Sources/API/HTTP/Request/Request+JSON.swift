import Foundation

extension Request {
    /// Decodes a JSON body; a body that does not decode is a 400 with the decoder's reason.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        let bytes = try body.collect()
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw HTTPError.badRequest(Request.describe(error), code: "invalid_json", param: Request.param(of: error))
        }
    }

    private static func param(of error: DecodingError) -> String? {
        let path: [CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        return path.isEmpty ? nil : path.map(\.stringValue).joined(separator: ".")
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "Missing field \"\(key.stringValue)\"."
        case .typeMismatch(let type, _): return "A field has the wrong type (expected \(type))."
        case .valueNotFound(let type, _): return "A field is null where \(type) is required."
        case .dataCorrupted(let context): return "The body is not valid JSON: \(context.debugDescription)"
        @unknown default: return "The body could not be decoded."
        }
    }
}
