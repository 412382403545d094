import Filters
import Foundation
import Media
import Quotas
import Storage
import TestSupport
import XCTest

/// A succeeded stylization's result is an asset of the account: listed with its source, usable as
/// content, expiring with the plan's retention (then 410 `result_expired`) and swept with its blob.
final class StylizationResultAssetTests: StylizationTestCase {
    /// A synchronous 256 px PNG stylization of the photo; returns its JSON.
    private func stylizeSmall(_ user: SignedUp, content: String, filter: String) throws -> [String: Any] {
        let response = try stylize(
            ["content": content, "filters": [["id": filter, "weight": 1]], "max_side": 256, "format": "png"],
            token: user.sessionToken)
        XCTAssertEqual(response.status, 201, response.text)
        return try response.json()
    }

    func testASucceededStylizationsResultIsAnAssetListedWithItsSourceAndUsableAsContent() throws {
        let user = try signUp("results@example.com")
        let upload = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let body = try stylizeSmall(user, content: upload.id.rawValue, filter: filter)
        let id = try XCTUnwrap(body["id"] as? String)
        let result = try XCTUnwrap(body["result"] as? [String: Any])
        let assetID = try XCTUnwrap(result["asset_id"] as? String)
        XCTAssertTrue(assetID.hasPrefix("ast_"))
        XCTAssertEqual(result["expired"] as? Bool, false)
        let expiresAt = try XCTUnwrap(result["expires_at"] as? String)

        let listed = try client.get("/v1/assets", token: user.sessionToken)
        XCTAssertEqual(listed.status, 200, listed.text)
        let items = try XCTUnwrap(try listed.json()["data"] as? [[String: Any]])
        XCTAssertEqual(items.count, 2, "the upload and the result")
        let asset = try XCTUnwrap(items.first { $0["id"] as? String == assetID })
        XCTAssertEqual(asset["source"] as? String, "stylization")
        XCTAssertEqual(asset["stylization"] as? String, id)
        XCTAssertEqual(asset["kind"] as? String, "image")
        XCTAssertEqual(asset["media_type"] as? String, "image/png")
        XCTAssertEqual(asset["width"] as? Int, 256)
        XCTAssertEqual(asset["bytes"] as? Int, result["bytes"] as? Int)
        XCTAssertEqual(asset["expires_at"] as? String, expiresAt)
        let uploaded = try XCTUnwrap(items.first { $0["id"] as? String == upload.id.rawValue })
        XCTAssertEqual(uploaded["source"] as? String, "upload")
        XCTAssertTrue(uploaded["stylization"] is NSNull)

        // Retention: the free plan keeps content a day from the job's end.
        let finishedAt = try XCTUnwrap(ISO8601DateFormatter().date(from: try XCTUnwrap(body["finished_at"] as? String)))
        let expiry = try XCTUnwrap(ISO8601DateFormatter().date(from: expiresAt))
        XCTAssertEqual(expiry.timeIntervalSince(finishedAt), 86400, accuracy: 1.5)

        let viaResult = try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken)
        let viaAsset = try client.get("/v1/assets/\(assetID)/content", token: user.sessionToken)
        XCTAssertEqual(viaResult.status, 200)
        XCTAssertEqual(viaAsset.status, 200)
        XCTAssertEqual(viaResult.body, viaAsset.body, "one blob behind both")
        let maxAge = viaResult.header("Cache-Control").flatMap { Int($0.replacingOccurrences(of: "private, max-age=", with: "")) }
        XCTAssertEqual(Double(try XCTUnwrap(maxAge)), 86400, accuracy: 10, "a day at most, and the free plan keeps it a day")
        let results = stylizations.directory.appendingPathComponent("results")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: results.path), [],
                       "the result was adopted into the blob store, nothing stays in the results directory")

        // The result is content like any upload.
        let again = try stylizeSmall(user, content: assetID, filter: filter)
        XCTAssertEqual(again["status"] as? String, "succeeded", "\(again)")
        XCTAssertEqual(again["content"] as? String, assetID)
    }

    func testADeletedResultAnswers410AndTheStylizationSaysItExpired() throws {
        let user = try signUp("deleted-result@example.com")
        let upload = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let body = try stylizeSmall(user, content: upload.id.rawValue, filter: filter)
        let id = try XCTUnwrap(body["id"] as? String)
        let assetID = try XCTUnwrap((body["result"] as? [String: Any])?["asset_id"] as? String)

        XCTAssertEqual(try client.delete("/v1/assets/\(assetID)", token: user.sessionToken).status, 204)
        try assertProblem(try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken), status: 410, code: "result_expired")
        let after = try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json()
        XCTAssertEqual(after["status"] as? String, "succeeded")
        let result = try XCTUnwrap(after["result"] as? [String: Any])
        XCTAssertEqual(result["asset_id"] as? String, assetID)
        XCTAssertEqual(result["expired"] as? Bool, true)
        XCTAssertTrue(result["expires_at"] is NSNull)
        let listed = try client.get("/v1/stylizations", token: user.sessionToken).json()["data"] as? [[String: Any]]
        XCTAssertEqual((listed?.first?["result"] as? [String: Any])?["expired"] as? Bool, true, "lists say so too")
    }

    func testAResultExpiresWithThePlanRetentionAndTheSweeperRemovesItsBlob() throws {
        let user = try signUp("retention@example.com")
        let upload = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        _ = try stylizations.quotas.administration.setOverride(.retentionSeconds, to: 1, forAccount: user.accountID)
        let body = try stylizeSmall(user, content: upload.id.rawValue, filter: filter)
        let id = try XCTUnwrap(body["id"] as? String)
        let result = try XCTUnwrap(body["result"] as? [String: Any])
        let assetID = try XCTUnwrap(result["asset_id"] as? String)
        let sha256 = try stylizations.assets.get(try AssetID.parse(assetID), account: user.accountID).sha256
        let fresh = try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken)
        XCTAssertEqual(fresh.status, 200)
        let maxAge = fresh.header("Cache-Control").flatMap { Int($0.replacingOccurrences(of: "private, max-age=", with: "")) }
        XCTAssertLessThanOrEqual(try XCTUnwrap(maxAge), 1, "never cached past the expiry")

        Thread.sleep(forTimeInterval: 2.1)
        try assertProblem(try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken), status: 410, code: "result_expired")
        let after = try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json()
        XCTAssertEqual((after["result"] as? [String: Any])?["expired"] as? Bool, true)
        let listed = try client.get("/v1/assets", token: user.sessionToken).json()["data"] as? [[String: Any]]
        XCTAssertFalse(listed?.contains { $0["id"] as? String == assetID } ?? true, "an expired result is no longer listed")

        let report = try ContentSweeper(database: stylizations.database, blobs: stylizations.blobs, gracePeriod: 0).sweep()
        XCTAssertGreaterThanOrEqual(report.assets, 1)
        XCTAssertNil(try stylizations.blobs.head(try BlobKey(hex: sha256)), "the result's bytes are gone")
        try assertProblem(try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken), status: 410, code: "result_expired")
    }

    func testTwoIdenticalResultsShareOneBlobAndDeletingOneKeepsTheOther() throws {
        let user = try signUp("twins@example.com")
        let upload = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let first = try stylizeSmall(user, content: upload.id.rawValue, filter: filter)
        let second = try stylizeSmall(user, content: upload.id.rawValue, filter: filter)
        let firstAsset = try XCTUnwrap((first["result"] as? [String: Any])?["asset_id"] as? String)
        let secondAsset = try XCTUnwrap((second["result"] as? [String: Any])?["asset_id"] as? String)
        XCTAssertNotEqual(firstAsset, secondAsset, "each stylization has its own asset")
        let hashes = try [firstAsset, secondAsset].map {
            try stylizations.assets.get(try AssetID.parse($0), account: user.accountID).sha256
        }
        XCTAssertEqual(hashes[0], hashes[1], "inference is deterministic: the same bytes, stored once")

        XCTAssertEqual(try client.delete("/v1/assets/\(firstAsset)", token: user.sessionToken).status, 204)
        _ = try ContentSweeper(database: stylizations.database, blobs: stylizations.blobs, gracePeriod: 0).sweep()
        let secondID = try XCTUnwrap(second["id"] as? String)
        let download = try client.get("/v1/stylizations/\(secondID)/result", token: user.sessionToken)
        XCTAssertEqual(download.status, 200, "the shared blob stays while the other result uses it")
        XCTAssertEqual(download.body.count, (second["result"] as? [String: Any])?["bytes"] as? Int)
        let firstID = try XCTUnwrap(first["id"] as? String)
        try assertProblem(try client.get("/v1/stylizations/\(firstID)/result", token: user.sessionToken), status: 410, code: "result_expired")
    }

    func testACanceledBigImageLeavesNoResultAssetAndNoFrameMetered() throws {
        let user = try signUp("cancel-big@example.com")
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        let big = stylizations.directory.appendingPathComponent("big.jpg")
        let image = try ImageDecoder.decode(contentsOf: Self.photo).resized(width: 3072, height: 3072)
        try ImageEncoder.encode(image, as: .jpeg(quality: 90)).write(to: big)
        let upload = try stylizations.upload(big, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue

        let response = try stylize(["content": upload.id.rawValue, "filters": [["id": filter]]], token: user.sessionToken)
        XCTAssertEqual(response.status, 202, "9.4 MP is over the synchronous budget: \(response.text)")
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        let deadline = Date().addingTimeInterval(60)
        var status = "queued"
        while status != "running", Date() < deadline {
            status = try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json()["status"] as? String ?? ""
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 1)
        let canceled = try client.send("POST", "/v1/stylizations/\(id)/cancel", token: user.sessionToken)
        XCTAssertEqual(try canceled.json()["status"] as? String, "canceled", canceled.text)
        let stopDeadline = Date().addingTimeInterval(30)
        while try stylizations.jobs.metrics().runningHere > 0, Date() < stopDeadline { Thread.sleep(forTimeInterval: 0.02) }

        let listed = try client.get("/v1/assets", token: user.sessionToken).json()["data"] as? [[String: Any]]
        XCTAssertEqual(listed?.map { $0["source"] as? String }, ["upload"], "no result asset")
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).frames, 0)
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).reservedFrames, 0)
        let results = stylizations.directory.appendingPathComponent("results")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: results.path), [])
    }
}
