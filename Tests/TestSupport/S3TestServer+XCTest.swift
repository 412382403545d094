import Foundation
import XCTest

extension S3TestServer {
    /// The shared S3 test server for a test: without one the test is skipped with the reason,
    /// except in CI (`CI=true`), which installs SeaweedFS, so a missing server fails the test.
    public static func sharedOrSkip() throws -> S3TestServer {
        switch shared {
        case .success(let server):
            return server
        case .failure(let problem):
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                throw NotAvailableInCI(description: "CI=true, so the S3 test server must run, but it did not: \(problem)")
            }
            throw XCTSkip("no S3 test server (\(problem)); the S3 integration tests are skipped")
        }
    }

    public struct NotAvailableInCI: Error, CustomStringConvertible {
        public let description: String
    }
}
