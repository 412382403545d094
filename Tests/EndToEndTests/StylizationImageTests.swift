import Filters
import Foundation
import Media
import TestSupport
import XCTest

/// Synchronous image stylizations over HTTP, on the real weights.
final class StylizationImageTests: StylizationTestCase {
    func testSmallImageAnswers201WithAFinishedStylizationWhoseResultDownloads() throws {
        let user = try signUp("ada@example.com")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)

        let response = try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue, "weight": 1]],
             "strength": 1, "max_side": 256, "format": "png"], token: user.sessionToken)
        XCTAssertEqual(response.status, 201, response.text)
        let body = try response.json()
        let id = try XCTUnwrap(body["id"] as? String)
        XCTAssertTrue(id.hasPrefix("sty_"))
        XCTAssertEqual(response.header("Location"), "/v1/stylizations/\(id)")
        XCTAssertEqual(body["object"] as? String, "stylization")
        XCTAssertEqual(body["status"] as? String, "succeeded")
        XCTAssertEqual(body["content"] as? String, asset.id.rawValue)
        XCTAssertEqual((body["progress"] as? [String: Any])?["done"] as? Int, 1)
        XCTAssertTrue(body["error"] is NSNull)
        let result = try XCTUnwrap(body["result"] as? [String: Any])
        XCTAssertEqual(result["media_type"] as? String, "image/png")
        XCTAssertEqual(result["width"] as? Int, 256)
        XCTAssertEqual(result["height"] as? Int, 256)
        XCTAssertEqual(result["frames"] as? Int, 1)

        let download = try client.get(try XCTUnwrap(result["url"] as? String), token: user.sessionToken)
        XCTAssertEqual(download.status, 200)
        XCTAssertEqual(download.header("Content-Type"), "image/png")
        XCTAssertEqual(download.body.count, result["bytes"] as? Int)
        let output = try ImageDecoder.decode(Data(download.body))
        XCTAssertEqual(output.width, 256)
        XCTAssertEqual(output.height, 256)
        let original = try ImageDecoder.decode(contentsOf: Self.photo).fitted(maxSide: 256)
        XCTAssertGreaterThan(meanAbsoluteDifference(output, original), 10, "the result should look stylized")

        let partial = try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken, headers: [("Range", "bytes=0-99")])
        XCTAssertEqual(partial.status, 206)
        XCTAssertEqual(partial.body, Array(download.body[0..<100]))
    }

    func testTheSameContentIsStylizedAgainWithAnotherFilterWithoutUploadingAgain() throws {
        let user = try signUp("ada@example.com")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let first = try stylizations.filter("asheville.jpg", account: user.accountID)
        let second = try stylizations.filter("brushstrokes.jpg", account: user.accountID)

        var results: [[UInt8]] = []
        for filter in [first, second] {
            let response = try stylize(
                ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue, "weight": 1]], "max_side": 128],
                token: user.sessionToken)
            XCTAssertEqual(response.status, 201, response.text)
            let id = try XCTUnwrap(try response.json()["id"] as? String)
            let download = try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken)
            XCTAssertEqual(download.status, 200)
            XCTAssertEqual(download.header("Content-Type"), "image/jpeg")
            results.append(download.body)
        }
        XCTAssertNotEqual(results[0], results[1], "another filter gives another picture")

        let list = try client.get("/v1/stylizations?limit=1", token: user.sessionToken).json()
        XCTAssertEqual(list["object"] as? String, "list")
        XCTAssertEqual((list["data"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(list["has_more"] as? Bool, true)
    }

    func testAnImageOverTheSynchronousBudgetAnswers202AndIsRenderedByAWorker() throws {
        stylizations.stop()
        stylizations = try StylizationServer(synchronousPixels: 100 * 100)
        let user = try signUp("big@example.com")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)

        let response = try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 128, "format": "webp"],
            token: user.sessionToken)
        XCTAssertEqual(response.status, 202, response.text)
        XCTAssertEqual(response.header("Retry-After"), "1")
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        let final = try XCTUnwrap(try poll(id, token: user.sessionToken).last)
        XCTAssertEqual(final["status"] as? String, "succeeded", "\(final)")
        let download = try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken)
        XCTAssertEqual(download.header("Content-Type"), "image/webp")
        XCTAssertEqual(try ImageDecoder.decode(Data(download.body)).width, 128)
    }

    func testTwoFiltersAreInterpolatedByWeightAndEchoedBack() throws {
        let user = try signUp("mix@example.com")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let first = try stylizations.filter("asheville.jpg", account: user.accountID)
        let second = try stylizations.filter("brushstrokes.jpg", account: user.accountID)
        func render(_ filters: [[String: Any]]) throws -> (body: [String: Any], bytes: [UInt8]) {
            let response = try stylize(
                ["content": asset.id.rawValue, "filters": filters, "max_side": 96, "format": "png"], token: user.sessionToken)
            XCTAssertEqual(response.status, 201, response.text)
            let body = try response.json()
            let id = try XCTUnwrap(body["id"] as? String)
            return (body, try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken).body)
        }
        let mixed = try render([["id": first.id.rawValue, "weight": 3], ["id": second.id.rawValue, "weight": 1]])
        let echoed = try XCTUnwrap(mixed.body["filters"] as? [[String: Any]])
        XCTAssertEqual(echoed.compactMap { $0["id"] as? String }, [first.id.rawValue, second.id.rawValue])
        XCTAssertEqual(echoed.compactMap { $0["weight"] as? Double }, [3, 1])
        XCTAssertNotEqual(mixed.bytes, try render([["id": first.id.rawValue]]).bytes)
        XCTAssertNotEqual(mixed.bytes, try render([["id": second.id.rawValue]]).bytes)

        let succeeded = try XCTUnwrap(mixed.body["id"] as? String)
        try assertProblem(
            try client.send("POST", "/v1/stylizations/\(succeeded)/cancel", token: user.sessionToken), status: 409, code: "not_cancelable")
    }

    func testWhenEverySynchronousSlotIsTakenASmallImageIsQueuedInstead() throws {
        stylizations.stop()
        stylizations = try StylizationServer(synchronousRenders: 0)
        let user = try signUp("queued@example.com")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let response = try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 64], token: user.sessionToken)
        XCTAssertEqual(response.status, 202, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        XCTAssertEqual(try poll(id, token: user.sessionToken).last?["status"] as? String, "succeeded")
    }

    func testContentUploadedOverHTTPIsStylizedWithAGalleryFilter() throws {
        let gallery = stylizations.directory.appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: gallery, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Fixtures.styleImages.appendingPathComponent("asheville.jpg"), to: gallery.appendingPathComponent("asheville.jpg"))
        let galleryFilter = try XCTUnwrap(try stylizations.filters.seedGallery(from: gallery).added.first)
        let user = try signUp("http-upload@example.com")

        let upload = try client.send(
            "POST", "/v1/assets", token: user.sessionToken, headers: [("Content-Type", "image/jpeg")],
            body: [UInt8](try Data(contentsOf: Self.photo)))
        XCTAssertEqual(upload.status, 201, upload.text)
        let asset = try XCTUnwrap(try upload.json()["id"] as? String)

        let response = try stylize(
            ["content": asset, "filters": [["id": galleryFilter.id.rawValue]], "max_side": 128, "preserve_color": true],
            token: user.sessionToken)
        XCTAssertEqual(response.status, 201, response.text)
        let body = try response.json()
        XCTAssertEqual(body["status"] as? String, "succeeded", "\(body)")
        XCTAssertEqual((body["options"] as? [String: Any])?["preserve_color"] as? Bool, true)
        XCTAssertEqual((body["result"] as? [String: Any])?["width"] as? Int, 128)
    }
}
