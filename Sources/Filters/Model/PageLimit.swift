/// The `limit` rule shared by every list: 1...100, default 20.
enum PageLimit {
    static let `default` = 20
    static let range = 1...100

    static func validated(_ limit: Int) throws -> Int {
        guard range.contains(limit) else { throw FiltersError.invalidLimit(limit) }
        return limit
    }
}
