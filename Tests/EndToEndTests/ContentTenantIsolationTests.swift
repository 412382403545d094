import Foundation
import TestSupport
import XCTest

/// Another account's assets and filters are indistinguishable from missing ones on every route.
final class ContentTenantIsolationTests: ContentTestCase {
    func testAnotherAccountsAssetIsNotFoundOnEveryRoute() throws {
        let owner = try signUp("owner@example.com").sessionToken
        let intruder = try signUp("intruder@example.com").sessionToken
        let created = try rawUpload(try contentImage("chicago.jpg"), contentType: "image/jpeg", token: owner)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        let missing = "ast_00000000000000000000"

        for target in [id, missing] {
            let get = try assertProblem(try client.get("/v1/assets/\(target)", token: intruder), status: 404, code: "not_found")
            XCTAssertEqual(get["detail"] as? String, "no asset \(target)")
            try assertProblem(try client.get("/v1/assets/\(target)/content", token: intruder), status: 404, code: "not_found")
            try assertProblem(try client.delete("/v1/assets/\(target)", token: intruder), status: 404, code: "not_found")
        }
        try assertProblem(try client.get("/v1/assets?starting_after=\(id)", token: intruder), status: 400, code: "invalid_parameter", param: "starting_after")
        XCTAssertEqual((try client.get("/v1/assets", token: intruder).json()["data"] as? [Any])?.count, 0)
        XCTAssertEqual(try client.get("/v1/assets/\(id)", token: owner).status, 200, "the owner still has it")
    }

    func testAnotherAccountsFilterIsNotFoundOnEveryRoute() throws {
        let owner = try signUp("owner@example.com").sessionToken
        let intruder = try signUp("intruder@example.com").sessionToken
        let id = try XCTUnwrap(try createFilter("Private", image: "trial.jpg", token: owner)["id"] as? String)

        for target in [id, "flt_00000000000000000000"] {
            try assertProblem(try client.get("/v1/filters/\(target)", token: intruder), status: 404, code: "not_found")
            try assertProblem(try client.get("/v1/filters/\(target)/thumbnail", token: intruder), status: 404, code: "not_found")
            try assertProblem(try send("PATCH", "/v1/filters/\(target)", token: intruder, json: ["name": "Stolen"]), status: 404, code: "not_found")
            try assertProblem(try client.delete("/v1/filters/\(target)", token: intruder), status: 404, code: "not_found")
        }
        let visible = (try client.get("/v1/filters", token: intruder).json()["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertFalse(visible.contains(id))
        XCTAssertEqual(try client.get("/v1/filters/\(id)", token: owner).json()["name"] as? String, "Private", "unchanged for its owner")
    }
}
