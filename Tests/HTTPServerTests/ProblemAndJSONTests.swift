import Foundation
import HTTPServer
import TestSupport
import XCTest

/// JSON in and out, RFC 9457 problem documents, and what a handler failure looks like to a client.
final class ProblemAndJSONTests: XCTestCase {
    struct NewFilter: Codable {
        let name: String
        let styleStrength: Double
    }

    private var server: TestServer!

    override func setUpWithError() throws {
        server = try TestServer.serving { router in
            router.post("/v1/filters") { request in
                let input = try request.decode(NewFilter.self)
                return .json(input, status: .created, headers: ["Location": "/v1/filters/flt_1"])
            }
            router.get("/v1/quota") { _ in
                throw HTTPError(
                    .paymentRequired, code: "quota_exceeded", detail: "Monthly frames used up.", param: "frames",
                    limit: 500, used: 500)
            }
            router.get("/v1/domain") { _ in
                struct PlanLimit: HTTPErrorConvertible {
                    var httpError: HTTPError {
                        HTTPError(.contentTooLarge, code: "plan_limit", detail: "Uploads are limited to 25 MB on free.",
                                  limit: 25_000_000, used: 30_000_000)
                    }
                }
                throw PlanLimit()
            }
            router.get("/v1/crash") { _ in
                struct Secret: Error { let password = "hunter2" }
                throw Secret()
            }
        }
    }

    override func tearDown() { server.stop() }

    func testJSONBodyDecodesAndRendersSnakeCase() throws {
        let result = try URLSessionClient().post(
            server.baseURL + "/v1/filters", body: Data(#"{"name":"Ink","style_strength":0.5}"#.utf8),
            headers: ["Content-Type": "application/json"])
        XCTAssertEqual(result.status, 201)
        XCTAssertEqual(result.header("Content-Type"), "application/json; charset=utf-8")
        XCTAssertEqual(result.header("Location"), "/v1/filters/flt_1")
        XCTAssertEqual(result.text, #"{"name":"Ink","style_strength":0.5}"#)
    }

    func testInvalidJSONIs400NamingTheField() throws {
        let result = try URLSessionClient().post(server.baseURL + "/v1/filters", body: Data(#"{"name":"Ink"}"#.utf8))
        XCTAssertEqual(result.status, 400)
        let problem = try result.json()
        XCTAssertEqual(problem["code"] as? String, "invalid_json")
        XCTAssertEqual(problem["param"] as? String, "style_strength")
        let broken = try URLSessionClient().post(server.baseURL + "/v1/filters", body: Data("{".utf8))
        XCTAssertEqual(broken.status, 400)
    }

    func testHTTPErrorRendersEveryProblemField() throws {
        let result = try URLSessionClient().get(server.baseURL + "/v1/quota")
        XCTAssertEqual(result.status, 402)
        XCTAssertEqual(result.header("Content-Type"), "application/problem+json")
        let problem = try result.json()
        XCTAssertEqual(problem["type"] as? String, "https://stylify.dev/problems/quota_exceeded")
        XCTAssertEqual(problem["title"] as? String, "Payment Required")
        XCTAssertEqual(problem["status"] as? Int, 402)
        XCTAssertEqual(problem["detail"] as? String, "Monthly frames used up.")
        XCTAssertEqual(problem["code"] as? String, "quota_exceeded")
        XCTAssertEqual(problem["param"] as? String, "frames")
        XCTAssertEqual(problem["limit"] as? Int, 500)
        XCTAssertEqual(problem["used"] as? Int, 500)
    }

    func testDomainErrorsRenderThroughTheirConversion() throws {
        let result = try URLSessionClient().get(server.baseURL + "/v1/domain")
        XCTAssertEqual(result.status, 413)
        XCTAssertEqual(try result.json()["code"] as? String, "plan_limit")
        XCTAssertEqual(try result.json()["used"] as? Int, 30_000_000)
    }

    func testUnexpectedErrorIs500WithoutInternals() throws {
        let result = try URLSessionClient().get(server.baseURL + "/v1/crash")
        XCTAssertEqual(result.status, 500)
        XCTAssertEqual(try result.json()["code"] as? String, "internal_error")
        XCTAssertFalse(result.text.contains("hunter2"))
        XCTAssertFalse(result.text.contains("Secret"))
    }
}
