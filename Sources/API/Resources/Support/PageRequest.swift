import HTTPServer

/// `?limit=1..100` (default 20) and `?starting_after=<id>` of a list request.
struct PageRequest {
    static let defaultLimit = 20
    static let limitRange = 1...100

    let limit: Int
    let startingAfter: String?

    /// An empty `starting_after` (`?starting_after=`, as form encoders send an unset field) is
    /// no cursor: the first page.
    ///
    /// - Throws: 400 `invalid_parameter` naming `limit` when it is not an integer in 1...100, or
    ///   `starting_after` when it is not valid UTF-8 once decoded or holds control characters
    ///   (no id does). A well-formed id that names nothing here gives an empty page.
    init(_ request: Request) throws {
        if let text = try Self.parameter("limit", of: request) {
            guard let value = Int(text), Self.limitRange.contains(value) else {
                throw HTTPError.badRequest(
                    "limit must be an integer from \(Self.limitRange.lowerBound) to \(Self.limitRange.upperBound).",
                    code: "invalid_parameter", param: "limit")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        let after = try Self.parameter("starting_after", of: request)
        if let after, after.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw Self.invalidCursor
        }
        startingAfter = after?.isEmpty == false ? after : nil
    }

    private static let invalidCursor = HTTPError.badRequest(
        "starting_after must be an id from a previous page.", code: "invalid_parameter", param: "starting_after")

    /// The decoded value, nil when absent; a value that does not decode is refused by name.
    private static func parameter(_ name: String, of request: Request) throws -> String? {
        if let value = request.query(name) { return value }
        guard request.hasQuery(name) else { return nil }
        throw HTTPError.badRequest("\(name) is not valid percent-encoded UTF-8.", code: "invalid_parameter", param: name)
    }
}
