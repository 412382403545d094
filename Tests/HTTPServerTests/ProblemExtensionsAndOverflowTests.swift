import Foundation
import HTTPServer
import TestSupport
import XCTest

/// Problem documents with extension members, and a route's own answer to a body over its
/// admitted limit (the hooks quota refusals use).
final class ProblemExtensionsAndOverflowTests: XCTestCase {
    private var server: TestServer!

    override func setUpWithError() throws {
        let options = RouteOptions(admitBody: { _ in
            BodyAdmission(maxBodyBytes: 100) { limit, received in
                var error = HTTPError(.contentTooLarge, code: "plan_limit", detail: "Too large for your plan.")
                error.extensions["limit"] = .string("upload_bytes")
                error.extensions["allowed"] = .integer(limit)
                error.extensions["requested"] = .integer(received)
                return error
            }
        })
        server = try TestServer.serving { router in
            router.get("/v1/refusal") { _ in
                var error = HTTPError(.paymentRequired, code: "quota_exceeded", detail: "Used up.", limit: 7, used: 3)
                error.extensions["limit"] = .string("monthly_frames")
                error.extensions["upgrade_to"] = .string("premium")
                throw error
            }
            router.post("/v1/uploads", options: options) { request in
                .json(["bytes": request.body.count], status: .created)
            }
        }
    }

    override func tearDown() { server.stop() }

    func testExtensionMembersAreRenderedAndReplaceStandardOnesOfTheSameName() throws {
        let result = try URLSessionClient().get(server.baseURL + "/v1/refusal")
        XCTAssertEqual(result.status, 402)
        let problem = try result.json()
        XCTAssertEqual(problem["limit"] as? String, "monthly_frames")
        XCTAssertEqual(problem["upgrade_to"] as? String, "premium")
        XCTAssertEqual(problem["used"] as? Int, 3)
        XCTAssertEqual(problem["code"] as? String, "quota_exceeded")
    }

    func testDeclaredLengthOverTheAdmittedLimitGetsTheRoutesOwnAnswer() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /v1/uploads HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertTrue(response.text.contains(#""code":"plan_limit""#), response.text)
        XCTAssertTrue(response.text.contains(#""requested":101"#), response.text)
    }

    func testStreamedBodyIsCutOffWithTheRoutesOwnAnswerTheMomentItPassesTheLimit() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /v1/uploads HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n"
            + String(repeating: "a", count: 64) + "\r\n40\r\n" + String(repeating: "b", count: 64) + "\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertTrue(response.text.contains(#""allowed":100"#), response.text)
        XCTAssertTrue(response.text.contains(#""requested":128"#), response.text)
    }

    func testWithinTheLimitTheBodyArrivesWhole() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /v1/uploads HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n" + String(repeating: "c", count: 100))
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.text, #"{"bytes":100}"#)
    }
}
