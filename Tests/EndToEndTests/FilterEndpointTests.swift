import Foundation
import Media
import TestSupport
import XCTest

/// `/v1/filters` over a real server with the real MicroAST weights: custom filters from style
/// images, thumbnails, the gallery next to the account's own filters, rename, delete, plan limits.
final class FilterEndpointTests: ContentTestCase {
    func testStyleImageBecomesACustomFilterWithA256PixelJPEGThumbnail() throws {
        let token = try signUp("filters@example.com").sessionToken
        let filter = try createFilter("Trial", image: "trial.jpg", token: token)
        let id = try XCTUnwrap(filter["id"] as? String)
        XCTAssertTrue(id.hasPrefix("flt_"))
        XCTAssertEqual(filter["object"] as? String, "filter")
        XCTAssertEqual(filter["name"] as? String, "Trial")
        XCTAssertEqual(filter["kind"] as? String, "custom")
        XCTAssertEqual(filter["thumbnail_url"] as? String, "/v1/filters/\(id)/thumbnail")
        XCTAssertEqual(filter["models"] as? [String], ["microast"])
        XCTAssertNotNil(filter["created_at"] as? String)

        let thumbnail = try client.get("/v1/filters/\(id)/thumbnail", token: token)
        XCTAssertEqual(thumbnail.status, 200)
        XCTAssertEqual(thumbnail.header("Content-Type"), "image/jpeg")
        let image = try ImageProbe.probe(Data(thumbnail.body))
        XCTAssertEqual(image.format, .jpeg)
        XCTAssertEqual(image.displayWidth, 256)
        XCTAssertEqual(image.displayHeight, 256)

        XCTAssertEqual(try client.get("/v1/filters/\(id)", token: token).json()["name"] as? String, "Trial")
    }

    func testListShowsTheGalleryThenTheAccountsOwnFilters() throws {
        let token = try signUp("gallery@example.com").sessionToken
        let own = try XCTUnwrap(try createFilter("Mine", image: "trial.jpg", token: token)["id"] as? String)
        let list = try client.get("/v1/filters", token: token).json()
        let data = list["data"] as? [[String: Any]] ?? []
        XCTAssertEqual(data.compactMap { $0["kind"] as? String }, ["gallery", "gallery", "custom"])
        XCTAssertEqual(Set(data.prefix(2).compactMap { $0["id"] as? String }), Set(galleryIDs))
        XCTAssertEqual(data.last?["id"] as? String, own)
        XCTAssertEqual(list["has_more"] as? Bool, false)

        let firstPage = try client.get("/v1/filters?limit=2", token: token).json()
        XCTAssertEqual(firstPage["has_more"] as? Bool, true)
        let last = try XCTUnwrap((firstPage["data"] as? [[String: Any]])?.last?["id"] as? String)
        let rest = try client.get("/v1/filters?limit=2&starting_after=\(last)", token: token).json()
        XCTAssertEqual((rest["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [own])
    }

    func testRenameChangesTheNameAndDeleteMakesTheFilterNotFound() throws {
        let token = try signUp("rename@example.com").sessionToken
        let id = try XCTUnwrap(try createFilter("Old", image: "trial.jpg", token: token)["id"] as? String)
        let renamed = try send("PATCH", "/v1/filters/\(id)", token: token, json: ["name": "New name"])
        XCTAssertEqual(renamed.status, 200, renamed.text)
        XCTAssertEqual(try renamed.json()["name"] as? String, "New name")
        XCTAssertEqual(try client.get("/v1/filters/\(id)", token: token).json()["name"] as? String, "New name")
        try assertProblem(try send("PATCH", "/v1/filters/\(id)", token: token, json: ["name": ""]), status: 422, code: "invalid_name", param: "name")
        try assertProblem(try send("PATCH", "/v1/filters/\(id)", token: token, json: [:]), status: 422, code: "missing_field", param: "name")

        XCTAssertEqual(try client.delete("/v1/filters/\(id)", token: token).status, 204)
        try assertProblem(try client.get("/v1/filters/\(id)", token: token), status: 404, code: "not_found")
        try assertProblem(try client.get("/v1/filters/\(id)/thumbnail", token: token), status: 404, code: "not_found")
        try assertProblem(try client.delete("/v1/filters/\(id)", token: token), status: 404, code: "not_found")
    }

    func testGalleryFiltersAreReadOnly() throws {
        let token = try signUp("readonly@example.com").sessionToken
        let gallery = try XCTUnwrap(galleryIDs.first)
        XCTAssertEqual(try client.get("/v1/filters/\(gallery)", token: token).json()["kind"] as? String, "gallery")
        XCTAssertEqual(try client.get("/v1/filters/\(gallery)/thumbnail", token: token).status, 200)
        try assertProblem(try send("PATCH", "/v1/filters/\(gallery)", token: token, json: ["name": "Mine now"]), status: 403, code: "gallery_filter_read_only")
        try assertProblem(try client.delete("/v1/filters/\(gallery)", token: token), status: 403, code: "gallery_filter_read_only")
    }

    func testCustomFilterCountIsLimitedByThePlan() throws {
        let account = try signUp("limit@example.com")
        _ = try quotas.administration.setOverride(.customFilters, to: 1, forAccount: account.accountID)
        _ = try createFilter("One", image: "trial.jpg", token: account.sessionToken)
        let refused = try multipart(
            "/v1/filters", token: account.sessionToken, fields: [("name", "Two")], fileField: "image", fileName: "sketch.png",
            file: try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("sketch.png")))
        let problem = try assertProblem(refused, status: 402, code: "quota_exceeded")
        XCTAssertEqual(problem["limit"] as? String, "custom_filters")
        XCTAssertEqual(problem["allowed"] as? Int, 1)
        XCTAssertEqual(problem["used"] as? Int, 1)
        let custom = (try client.get("/v1/filters", token: account.sessionToken).json()["data"] as? [[String: Any]] ?? [])
            .filter { $0["kind"] as? String == "custom" }
        XCTAssertEqual(custom.count, 1)
    }
}
