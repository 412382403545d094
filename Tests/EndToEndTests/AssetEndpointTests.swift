import Foundation
import TestSupport
import XCTest

/// `/v1/assets` over a real server: uploads (multipart and raw), metadata, downloads with Range,
/// listing and deletion.
final class AssetEndpointTests: ContentTestCase {
    func testMultipartImageUploadDescribesItselfAndDownloadsByteForByte() throws {
        let token = try signUp("assets@example.com").sessionToken
        let image = try contentImage("chicago.jpg")
        let created = try multipart("/v1/assets", token: token, fileField: "file", fileName: "chicago.jpg", contentType: "image/jpeg", file: image)
        XCTAssertEqual(created.status, 201, created.text)
        let asset = try created.json()
        let id = try XCTUnwrap(asset["id"] as? String)
        XCTAssertTrue(id.hasPrefix("ast_"))
        XCTAssertEqual(asset["object"] as? String, "asset")
        XCTAssertEqual(asset["kind"] as? String, "image")
        XCTAssertEqual(asset["media_type"] as? String, "image/jpeg")
        XCTAssertEqual(asset["frames"] as? Int, 1)
        XCTAssertEqual(asset["bytes"] as? Int, image.count)
        XCTAssertGreaterThan(asset["width"] as? Int ?? 0, 0)
        XCTAssertNotNil(asset["expires_at"] as? String)
        XCTAssertEqual(created.header("Location"), "/v1/assets/\(id)")

        let fetched = try client.get("/v1/assets/\(id)", token: token)
        XCTAssertEqual(fetched.status, 200)
        XCTAssertEqual(try fetched.json()["id"] as? String, id)

        let content = try client.get("/v1/assets/\(id)/content", token: token)
        XCTAssertEqual(content.status, 200)
        XCTAssertEqual(content.header("Content-Type"), "image/jpeg")
        XCTAssertEqual(Data(content.body), image)

        let range = try client.get("/v1/assets/\(id)/content", token: token, headers: [("Range", "bytes=100-199")])
        XCTAssertEqual(range.status, 206)
        XCTAssertEqual(Data(range.body), image.subdata(in: 100..<200))
        XCTAssertEqual(range.header("Content-Range"), "bytes 100-199/\(image.count)")
    }

    func testRawBodyUploadDetectsTheFormatFromTheBytesNotTheContentType() throws {
        let token = try signUp("raw@example.com").sessionToken
        let image = try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("sketch.png"))
        let created = try rawUpload(image, contentType: "image/jpeg", token: token)
        XCTAssertEqual(created.status, 201, created.text)
        let asset = try created.json()
        XCTAssertEqual(asset["media_type"] as? String, "image/png")
        let id = try XCTUnwrap(asset["id"] as? String)
        let content = try client.get("/v1/assets/\(id)/content", token: token)
        XCTAssertEqual(content.header("Content-Type"), "image/png")
        XCTAssertEqual(Data(content.body), image)
    }

    func testVideoUploadIsAVideoAssetWithFramesAndDuration() throws {
        let account = try signUp("video@example.com")
        let token = account.sessionToken
        // cutBunny has more frames than the free plan allows per video.
        _ = try quotas.administration.setPlan("premium", forAccount: account.accountID)
        let video = try Data(contentsOf: Fixtures.video)
        let created = try rawUpload(video, contentType: "video/mp4", token: token)
        XCTAssertEqual(created.status, 201, created.text)
        let asset = try created.json()
        XCTAssertEqual(asset["kind"] as? String, "video")
        XCTAssertEqual(asset["media_type"] as? String, "video/mp4")
        XCTAssertGreaterThan(asset["frames"] as? Int ?? 0, 1)
        XCTAssertGreaterThan(asset["duration_s"] as? Double ?? 0, 0)
    }

    func testListPagesNewestFirstAndDeleteMakesTheAssetNotFound() throws {
        let token = try signUp("list@example.com").sessionToken
        var ids: [String] = []
        for name in ["blonde_girl.jpg", "chicago.jpg", "flowers.jpg"] {
            let created = try multipart("/v1/assets", token: token, fileField: "file", fileName: name, file: try contentImage(name))
            XCTAssertEqual(created.status, 201, created.text)
            ids.append(try XCTUnwrap(try created.json()["id"] as? String))
        }
        // Newest first; uploads within the same second are ordered by id, so compare with the full list.
        let all = (try client.get("/v1/assets?limit=100", token: token).json()["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(all), Set(ids))
        XCTAssertEqual(all.count, 3)
        let first = try client.get("/v1/assets?limit=2", token: token).json()
        XCTAssertEqual(first["object"] as? String, "list")
        XCTAssertEqual(first["has_more"] as? Bool, true)
        let firstIDs = (first["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(firstIDs, Array(all.prefix(2)))
        let second = try client.get("/v1/assets?limit=2&starting_after=\(all[1])", token: token).json()
        XCTAssertEqual((second["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }, [all[2]])
        XCTAssertEqual(second["has_more"] as? Bool, false)
        // A cursor that is not UTF-8 or holds control characters names no asset: 400, never the first page.
        for cursor in ["%00%ff", "%ff", "%00", "ast_%0A"] {
            try assertProblem(try client.get("/v1/assets?starting_after=\(cursor)", token: token),
                              status: 400, code: "invalid_parameter", param: "starting_after")
        }
        try assertProblem(try client.get("/v1/assets?limit=%ff", token: token), status: 400, code: "invalid_parameter", param: "limit")

        XCTAssertEqual(try client.delete("/v1/assets/\(ids[0])", token: token).status, 204)
        try assertProblem(try client.get("/v1/assets/\(ids[0])", token: token), status: 404, code: "not_found")
        try assertProblem(try client.get("/v1/assets/\(ids[0])/content", token: token), status: 404, code: "not_found")
        try assertProblem(try client.delete("/v1/assets/\(ids[0])", token: token), status: 404, code: "not_found")
    }

    func testAssetsNeedAuthentication() throws {
        let response = try client.get("/v1/assets")
        XCTAssertEqual(response.status, 401)
    }
}
