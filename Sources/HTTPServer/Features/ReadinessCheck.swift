/// A named dependency that must be healthy for `GET /readyz` to answer 200 ("database", "model").
/// The check throws (any error) or returns false when the dependency is not ready.
public struct ReadinessCheck: Sendable {
    public let name: String
    public let check: @Sendable () throws -> Bool

    public init(_ name: String, check: @escaping @Sendable () throws -> Bool) {
        self.name = name
        self.check = check
    }
}
