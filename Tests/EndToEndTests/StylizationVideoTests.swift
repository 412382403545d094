import Filters
import Foundation
import Media
import Quotas
import TestSupport
import XCTest

/// Video stylizations over HTTP: 202, polling, the result MP4; cancellation. Kept at 128 px.
final class StylizationVideoTests: StylizationTestCase {
    /// A premium account (cutBunny's 240 frames exceed the free plan) with the video uploaded.
    private func videoAccount(_ email: String) throws -> (user: SignedUp, asset: String, filter: String) {
        let user = try signUp(email)
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        let asset = try stylizations.upload(Fixtures.video, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        return (user, asset.id.rawValue, filter.id.rawValue)
    }

    func testVideoAnswers202AndSucceedsWithTheSourceFramesAndAudio() throws {
        let (user, asset, filter) = try videoAccount("vid@example.com")
        let response = try stylize(
            ["content": asset, "filters": [["id": filter, "weight": 1]], "max_side": 128, "format": "mp4"],
            token: user.sessionToken)
        XCTAssertEqual(response.status, 202, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        XCTAssertEqual(response.header("Location"), "/v1/stylizations/\(id)")
        XCTAssertEqual(response.header("Retry-After"), "1")
        let early = try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken)
        if early.status != 200 { try assertProblem(early, status: 409, code: "not_ready") }

        let seen = try poll(id, token: user.sessionToken)
        let done = seen.compactMap { ($0["progress"] as? [String: Any])?["done"] as? Int }
        XCTAssertEqual(done, done.sorted(), "progress never goes backwards")
        XCTAssertEqual((seen.last?["progress"] as? [String: Any])?["total"] as? Int, 240)
        XCTAssertEqual(seen.last?["status"] as? String, "succeeded", "\(seen.last ?? [:])")

        let download = try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken)
        XCTAssertEqual(download.status, 200)
        XCTAssertEqual(download.header("Content-Type"), "video/mp4")
        let file = stylizations.directory.appendingPathComponent("downloaded.mp4")
        try Data(download.body).write(to: file)
        let info = try VideoProbe.probe(contentsOf: file)
        XCTAssertEqual(info.frameCount, 240)
        XCTAssertEqual(info.width, 128)
        XCTAssertNotNil(info.audioCodec, "the source's audio is carried over")
    }

    func testCancelingARunningVideoEndsItCanceled() throws {
        let (user, asset, filter) = try videoAccount("cancel@example.com")
        let response = try stylize(
            ["content": asset, "filters": [["id": filter, "weight": 1]], "max_side": 128], token: user.sessionToken)
        XCTAssertEqual(response.status, 202, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        let deadline = Date().addingTimeInterval(60)
        var status = "queued"
        while status != "running", Date() < deadline {
            status = try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json()["status"] as? String ?? ""
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(status, "running")

        let canceled = try client.send("POST", "/v1/stylizations/\(id)/cancel", token: user.sessionToken)
        XCTAssertEqual(canceled.status, 200, canceled.text)
        XCTAssertEqual(try canceled.json()["status"] as? String, "canceled")
        let final = try poll(id, token: user.sessionToken).last
        XCTAssertEqual(final?["status"] as? String, "canceled")
        XCTAssertEqual((final?["error"] as? [String: Any])?["code"] as? String, "canceled")
        try assertProblem(try client.get("/v1/stylizations/\(id)/result", token: user.sessionToken), status: 409, code: "not_ready")
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).frames, 0, "a canceled job is not metered")
    }

    func testDeletingTheContentAndFilterOfAQueuedVideoDoesNotBreakIt() throws {
        let (user, asset, filter) = try videoAccount("pinned@example.com")
        // The only worker is kept busy by another video (other bytes, so another blob), so the
        // job under test is still queued when its inputs are deleted and swept.
        let other = stylizations.directory.appendingPathComponent("other.mp4")
        try (try Data(contentsOf: Fixtures.video) + Data(repeating: 0, count: 8)).write(to: other)
        let busy = try stylizations.upload(other, account: user.accountID)
        XCTAssertEqual(try stylize(
            ["content": busy.id.rawValue, "filters": [["id": filter]], "max_side": 128], token: user.sessionToken).status, 202)
        let response = try stylize(
            ["content": asset, "filters": [["id": filter, "weight": 1]], "max_side": 64], token: user.sessionToken)
        XCTAssertEqual(response.status, 202, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)

        try stylizations.assets.delete(try AssetID.parse(asset), account: user.accountID)
        try stylizations.filters.delete(try FilterID.parse(filter), account: user.accountID)
        // Without the job's pins this would remove the video's blob at once.
        _ = try ContentSweeper(database: stylizations.database, blobs: stylizations.blobs, gracePeriod: 0).sweep()

        XCTAssertEqual(try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json()["status"] as? String, "queued")
        let final = try XCTUnwrap(try poll(id, token: user.sessionToken).last)
        XCTAssertEqual(final["status"] as? String, "succeeded", "\(final)")
        XCTAssertEqual(final["content"] as? String, asset, "the stylization still names its inputs")
    }

    func testAVideoWhoseFileVanishedFailsWithAProblemThatHidesServerPathsAndADamagedOneIsRefused() throws {
        let (user, asset, filter) = try videoAccount("broken@example.com")
        let other = stylizations.directory.appendingPathComponent("other.mp4")
        try (try Data(contentsOf: Fixtures.video) + Data(repeating: 0, count: 8)).write(to: other)
        let busy = try stylizations.upload(other, account: user.accountID)
        XCTAssertEqual(try stylize(
            ["content": busy.id.rawValue, "filters": [["id": filter]], "max_side": 128], token: user.sessionToken).status, 202)

        let response = try stylize(["content": asset, "filters": [["id": filter]], "max_side": 64], token: user.sessionToken)
        XCTAssertEqual(response.status, 202, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        // The stored bytes vanish behind the service's back (a broken disk) while the job is queued.
        let stored = try stylizations.assets.content(try AssetID.parse(asset), account: user.accountID)
        try FileManager.default.removeItem(at: stylizations.blobs.path(for: stored.key))

        let final = try XCTUnwrap(try poll(id, token: user.sessionToken).last)
        XCTAssertEqual(final["status"] as? String, "failed", "\(final)")
        let problem = try XCTUnwrap(final["error"] as? [String: Any])
        XCTAssertEqual(problem["code"] as? String, "invalid_content")
        XCTAssertEqual(problem["status"] as? Int, 422)
        let detail = try XCTUnwrap(problem["detail"] as? String)
        XCTAssertFalse(detail.contains(stylizations.directory.path), detail)
        XCTAssertTrue(final["result"] is NSNull)

        // Damaged bytes are caught by the header probe at submission: nothing is queued.
        try Data(repeating: 0x42, count: 100).write(to: stylizations.blobs.path(for: stored.key))
        try assertProblem(
            try stylize(["content": asset, "filters": [["id": filter]]], token: user.sessionToken),
            status: 422, code: "invalid_content", param: "content")
    }
}
