import API
import Foundation
import Quotas
import XCTest

final class UploadAdmissionTests: QuotasTestCase {
    private func limitUploads(of account: String, to bytes: Int64) throws {
        _ = try XCTUnwrap(server.quotas).quotas.administration.setOverride(.uploadBytes, to: bytes, forAccount: account)
    }

    func testUploadWithinThePlanLimitIsReceivedWhole() throws {
        let ada = try signUp("ada@example.com")
        try limitUploads(of: ada.accountID, to: 4096)
        let response = try client.send("POST", "/v1/test-uploads", token: ada.sessionToken, body: [UInt8](repeating: 7, count: 4096))
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(try response.json()["bytes"] as? Int, 4096)
        XCTAssertEqual(response.header("RateLimit-Policy"), "\"minute\";q=60;w=60")
        // Admission took the token; the middleware did not take a second one.
        XCTAssertEqual(try parameters(of: response.header("RateLimit"))["r"], 59)
    }

    func testDeclaredLengthOverThePlanLimitIs413PlanLimitAndTheServerKeepsServing() throws {
        let ada = try signUp("ada@example.com")
        try limitUploads(of: ada.accountID, to: 1000)
        let response = try client.send("POST", "/v1/test-uploads", token: ada.sessionToken, body: [UInt8](repeating: 1, count: 1001))
        let problem = try assertProblem(response, status: 413, code: "plan_limit")
        XCTAssertEqual(problem["limit"] as? String, "upload_bytes")
        XCTAssertEqual(problem["allowed"] as? Int, 1000)
        XCTAssertEqual(problem["requested"] as? Int, 1001)
        XCTAssertEqual(problem["plan"] as? String, "free")
        XCTAssertEqual(problem["upgrade_to"] as? String, "premium")
        XCTAssertEqual(response.header("RateLimit-Policy"), "\"minute\";q=60;w=60")

        XCTAssertEqual(try client.get("/v1/me", token: ada.sessionToken).status, 200)
        let fits = try client.send("POST", "/v1/test-uploads", token: ada.sessionToken, body: [UInt8](repeating: 1, count: 1000))
        XCTAssertEqual(fits.status, 200, fits.text)
    }

    func testChunkedUploadIsCutOffTheMomentItPassesTheLimit() throws {
        let ada = try signUp("ada@example.com")
        try limitUploads(of: ada.accountID, to: 1000)
        // Three 600-byte chunks: the second crosses the limit.
        var body: [UInt8] = []
        for _ in 0..<3 { body += Array("258\r\n".utf8) + [UInt8](repeating: 2, count: 600) + Array("\r\n".utf8) }
        body += Array("0\r\n\r\n".utf8)
        let head = "POST /v1/test-uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Authorization: Bearer \(ada.sessionToken)\r\nTransfer-Encoding: chunked\r\n\r\n"
        let response = try client.exchange(raw: Array(head.utf8) + body)
        let problem = try assertProblem(response, status: 413, code: "plan_limit")
        XCTAssertEqual(problem["limit"] as? String, "upload_bytes")
        XCTAssertEqual(problem["allowed"] as? Int, 1000)
        XCTAssertEqual(problem["requested"] as? Int, 1200, "the bytes received when it passed the limit")
        XCTAssertEqual(problem["upgrade_to"] as? String, "premium")
        XCTAssertEqual(try client.get("/v1/me", token: ada.sessionToken).status, 200)
    }

    func testUploadWithoutAValidTokenIsRefusedBeforeItsBody() throws {
        let anonymous = try client.send("POST", "/v1/test-uploads", body: [UInt8](repeating: 3, count: 100))
        try assertProblem(anonymous, status: 401, code: "authentication_required")
        let forged = try client.send("POST", "/v1/test-uploads", token: "sk_live_forged", body: [UInt8](repeating: 3, count: 100))
        XCTAssertEqual(forged.status, 401)
        XCTAssertNil(forged.header("RateLimit"))
    }

    func testUploadOverAPlanWithNoLargerPlanHasNoUpgrade() throws {
        let ada = try signUp("ada@example.com")
        try limitUploads(of: ada.accountID, to: 2_000_000_000)
        // 2 GB > premium's 1 GiB: only the declared length is sent; the answer comes before any body.
        let head = "POST /v1/test-uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Authorization: Bearer \(ada.sessionToken)\r\nContent-Length: 2000000001\r\nExpect: 100-continue\r\n\r\n"
        let response = try client.exchange(raw: Array(head.utf8))
        let problem = try assertProblem(response, status: 413, code: "plan_limit")
        XCTAssertNil(problem["upgrade_to"], "no plan allows 2 GB")
    }
}
