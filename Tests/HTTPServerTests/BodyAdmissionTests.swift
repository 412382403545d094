import Foundation
import HTTPServer
import TestSupport
import XCTest

/// A route's admission check decides from the head alone, before the body is read, whether the body
/// may come and how large it may be (per account plan), and passes context on to the handler.
final class BodyAdmissionTests: XCTestCase {
    private enum Plan: RequestContextKey { typealias Value = String }
    private var server: TestServer!

    override func setUpWithError() throws {
        let options = RouteOptions(admitBody: { request in
            switch request.headers["authorization"] {
            case "Bearer free": return BodyAdmission(maxBodyBytes: 100, context: Self.context(plan: "free"))
            case "Bearer premium": return BodyAdmission(maxBodyBytes: 10_000, context: Self.context(plan: "premium"))
            default: throw HTTPError(.unauthorized, code: "unauthenticated", detail: "Sign in to upload.")
            }
        })
        server = try TestServer.serving { router in
            router.post("/v1/assets", options: options) { request in
                .json(["plan": request.context[Plan.self] ?? "none", "bytes": "\(request.body.count)"], status: .created)
            }
        }
    }

    override func tearDown() { server.stop() }

    private static func context(plan: String) -> RequestContext {
        var context = RequestContext()
        context[Plan.self] = plan
        return context
    }

    func testRefusedAdmissionAnswersWithoutAskingForTheBody() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /v1/assets HTTP/1.1\r\nHost: t\r\nContent-Length: 50\r\nExpect: 100-continue\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 401, "no 100 Continue before the refusal")
        XCTAssertTrue(response.text.contains("unauthenticated"))
    }

    func testAdmittedLimitIsThePlansLimit() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /v1/assets HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer free\r\nContent-Length: 500\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 413)
        let premium = try RawConnection(port: server.port)
        try premium.send("POST /v1/assets HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer premium\r\nContent-Length: 500\r\n"
            + "Expect: 100-continue\r\n\r\n")
        XCTAssertEqual(try premium.readResponse().status, 100)
        try premium.send([UInt8](repeating: 9, count: 500))
        let created = try premium.readResponse()
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.text, #"{"bytes":"500","plan":"premium"}"#)
    }

    func testBodySentWithoutWaitingIsStillReadAfterAdmission() throws {
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /v1/assets HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer free\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /v1/assets HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer free\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().text, #"{"bytes":"5","plan":"free"}"#)
        XCTAssertEqual(try connection.readResponse().text, #"{"bytes":"2","plan":"free"}"#)
    }
}
