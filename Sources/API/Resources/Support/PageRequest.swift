/// `?limit=1..100` (default 20) and `?starting_after=<id>` of a list request.
struct PageRequest {
    static let defaultLimit = 20
    static let limitRange = 1...100

    let limit: Int
    let startingAfter: String?

    /// - Throws: 400 `invalid_parameter` naming `limit` when it is not an integer in 1...100, or
    ///   `starting_after` when it is empty.
    init(_ request: Request) throws {
        if let text = request.query("limit") {
            guard let value = Int(text), Self.limitRange.contains(value) else {
                throw HTTPError.badRequest(
                    "limit must be an integer from \(Self.limitRange.lowerBound) to \(Self.limitRange.upperBound).",
                    code: "invalid_parameter", param: "limit")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        let after = request.query("starting_after")
        if let after, after.isEmpty {
            throw HTTPError.badRequest("starting_after must be an id from a previous page.", code: "invalid_parameter", param: "starting_after")
        }
        startingAfter = after
    }
}
