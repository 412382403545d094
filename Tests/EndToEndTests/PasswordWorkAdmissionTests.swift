import Accounts
import Foundation
import XCTest

final class PasswordWorkAdmissionTests: EndToEndTestCase {
    override func makeServer() throws -> AccountsServer {
        // A realistic hash (~32 MiB, tens of ms) so concurrent logins really overlap.
        try AccountsServer(
            accounts: {
                $0.passwordHashing = ScryptParameters(logN: 15, r: 8, p: 1)
                $0.concurrentPasswordHashes = 1
            },
            passwordRequests: 1)
    }

    func testLoginBurstBeyondTheCapIsAnswered503WithRetryAfterAndOtherRequestsStillServed() throws {
        let ada = try signUp("ada@example.com")
        let client = self.client
        let results = ConcurrentStatuses()
        let group = DispatchGroup()
        for _ in 0..<6 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let response = try? client.post("/v1/sessions", json: ["email": "ada@example.com", "password": "correct horse battery"])
                results.append(response)
            }
        }
        // Meanwhile, a request that needs no password is served.
        XCTAssertEqual(try client.get("/v1/me", token: ada.sessionToken).status, 200)
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)

        let responses = results.all
        XCTAssertEqual(responses.count, 6)
        XCTAssertTrue(responses.contains { $0.status == 200 }, "\(responses.map(\.status))")
        let refused = responses.filter { $0.status == 503 }
        XCTAssertFalse(refused.isEmpty, "\(responses.map(\.status))")
        for response in refused {
            try assertProblem(response, status: 503, code: "busy")
            XCTAssertEqual(response.header("Retry-After"), "1")
        }
        XCTAssertEqual(responses.filter { $0.status != 200 && $0.status != 503 }.count, 0, "\(responses.map(\.status))")
    }
}

/// Responses collected from several threads.
final class ConcurrentStatuses: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [HTTPClient.Response] = []

    func append(_ response: HTTPClient.Response?) {
        guard let response else { return }
        lock.lock()
        responses.append(response)
        lock.unlock()
    }

    var all: [HTTPClient.Response] {
        lock.lock()
        defer { lock.unlock() }
        return responses
    }
}
