/// A named dependency that must be healthy for `GET /readyz` to answer 200 ("database", "model").
/// The check throws (any error) or returns false when the dependency is not ready; a passing
/// check reads "ok" in the report, or the text a describing check returns ("2 live").
public struct ReadinessCheck: Sendable {
    public let name: String
    /// nil: not ready; otherwise what the report shows for it.
    let evaluate: @Sendable () throws -> String?

    public init(_ name: String, check: @escaping @Sendable () throws -> Bool) {
        self.name = name
        evaluate = { try check() ? "ok" : nil }
    }

    /// A check that is always ready when it does not throw, and reports what `describe` says.
    public init(_ name: String, describe: @escaping @Sendable () throws -> String) {
        self.name = name
        evaluate = describe
    }
}
