import Foundation
import TestSupport
import XCTest

/// The events filter of webhook endpoints over HTTP: defaults, `PATCH`, and every bad input.
final class WebhookEventsFilterTests: StylizationTestCase {
    func testTheEventsFilterIsChangedWithPatchAndBadInputIsRefusedPrecisely() throws {
        let user = try signUp("filter@example.com")
        let created = try client.post("/v1/webhooks", json: ["url": "https://example.com/hooks"], token: user.sessionToken)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        XCTAssertEqual(try created.json()["events"] as? [String], ["stylization.succeeded", "stylization.failed", "stylization.canceled"])

        func patch(_ body: String, type: String = "application/json", token: String? = nil) throws -> HTTPClient.Response {
            try client.send("PATCH", "/v1/webhooks/\(id)", token: token ?? user.sessionToken,
                            headers: [("Content-Type", type)], body: Array(body.utf8))
        }
        let updated = try patch(#"{"events":["stylization.progress","stylization.started","stylization.failed"]}"#)
        XCTAssertEqual(updated.status, 200, updated.text)
        XCTAssertEqual(try updated.json()["events"] as? [String], ["stylization.failed", "stylization.started", "stylization.progress"])
        XCTAssertNil(try updated.json()["secret"])
        XCTAssertEqual(try client.get("/v1/webhooks/\(id)", token: user.sessionToken).json()["events"] as? [String],
                       ["stylization.failed", "stylization.started", "stylization.progress"])

        let unknown = try assertProblem(try patch(#"{"events":["stylization.progres"]}"#), status: 422, code: "invalid_request", param: "events")
        let detail = try XCTUnwrap(unknown["detail"] as? String)
        for name in ["stylization.succeeded", "stylization.started", "stylization.progress", "batch.completed"] {
            XCTAssertTrue(detail.contains(name), detail)
        }
        try assertProblem(try patch(#"{"events":[]}"#), status: 422, code: "invalid_request", param: "events")
        try assertProblem(try patch(#"{"events":"stylization.progress"}"#), status: 422, code: "invalid_field", param: "events")
        try assertProblem(try patch(#"{"events":[1]}"#), status: 422, code: "invalid_field", param: "events")
        try assertProblem(try patch(#"{}"#), status: 422, code: "missing_field", param: "events")
        try assertProblem(try patch(#"{"events":"#), status: 400, code: "invalid_json")
        try assertProblem(try patch(#"events=x"#, type: "application/x-www-form-urlencoded"), status: 415, code: "unsupported_media_type")
        let other = try signUp("intruder@example.com")
        try assertProblem(try patch(#"{"events":["batch.completed"]}"#, token: other.sessionToken), status: 404, code: "not_found")
        // Nothing of the refused updates was stored.
        XCTAssertEqual(try client.get("/v1/webhooks/\(id)", token: user.sessionToken).json()["events"] as? [String],
                       ["stylization.failed", "stylization.started", "stylization.progress"])
        let unknownOnCreate = try client.post("/v1/webhooks", json: ["url": "https://example.com/x", "events": ["bogus"]], token: user.sessionToken)
        try assertProblem(unknownOnCreate, status: 422, code: "invalid_request", param: "events")
    }
}
