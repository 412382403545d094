import Foundation
import TestSupport
import XCTest

/// API keys restricted by scope reach only what their scopes name.
final class ContentScopeTests: ContentTestCase {
    func testReadOnlyKeysCanListButNotUploadOrCreate() throws {
        let session = try signUp("scopes@example.com").sessionToken
        let key = try createKey(session, name: "reader", scopes: ["assets:read", "filters:read"]).secret
        XCTAssertEqual(try client.get("/v1/assets", token: key).status, 200)
        XCTAssertEqual(try client.get("/v1/filters", token: key).status, 200)
        try assertProblem(try rawUpload(try contentImage("chicago.jpg"), contentType: "image/jpeg", token: key), status: 403, code: "insufficient_scope")
        try assertProblem(
            try multipart("/v1/filters", token: key, fields: [("name", "No")], fileField: "image", fileName: "trial.jpg",
                          file: try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("trial.jpg"))),
            status: 403, code: "insufficient_scope")
        XCTAssertEqual((try client.get("/v1/assets", token: session).json()["data"] as? [Any])?.count, 0)
    }
}
