import XCTest

extension PostgresTestCluster {
    /// The shared cluster for a test: when it cannot start, the test is skipped with the reason,
    /// except in CI (`CI=true`), where the start failure fails the test.
    public static func sharedOrSkip() throws -> PostgresTestCluster {
        do {
            return try shared()
        } catch {
            if isCI { throw error }
            throw XCTSkip("no PostgreSQL test cluster (\(error)); install the server with scripts/setup, or set CI=true to make this a failure")
        }
    }
}
