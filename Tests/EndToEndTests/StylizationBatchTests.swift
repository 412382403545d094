import API
import Foundation
import Quotas
import Stylizations
import TestSupport
import XCTest

/// `POST /v1/stylizations/batch` on a real server with the real weights: one job per item,
/// admitted as a whole (one `concurrent_jobs` slot, frames for the sum) or refused with the
/// reason, charged per item, polled as one batch, with the per-item webhooks and one
/// `batch.completed`.
final class StylizationBatchTests: StylizationTestCase {
    private func premium(_ email: String) throws -> SignedUp {
        let user = try signUp(email)
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        return user
    }

    private func batch(_ body: [String: Any], token: String, key: String? = nil) throws -> HTTPClient.Response {
        let bytes = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        var headers = [("Content-Type", "application/json")]
        if let key { headers.append(("Idempotency-Key", key)) }
        return try client.send("POST", "/v1/stylizations/batch", token: token, headers: headers, body: [UInt8](bytes))
    }

    private func waitForCompletion(_ id: String, token: String, timeout: TimeInterval = 240) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        var body: [String: Any] = [:]
        while Date() < deadline {
            let response = try client.get("/v1/stylizations/batches/\(id)", token: token)
            XCTAssertEqual(response.status, 200, response.text)
            body = try response.json()
            if body["status"] as? String == "completed" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return body
    }

    private func contents(_ names: [String], account: String) throws -> [String] {
        try names.map { try stylizations.upload(Fixtures.contentImages.appendingPathComponent($0), account: account).id.rawValue }
    }

    func testManyContentsWithOneFilterSetRunOneChargedJobEachAndOneBatchCompletedEvent() throws {
        let user = try premium("batch@example.com")
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let hook = try client.post("/v1/webhooks", json: ["url": receiver.url, "events": ["stylization.succeeded", "batch.completed"]],
                                   token: user.sessionToken)
        XCTAssertEqual(hook.status, 201, hook.text)
        let assets = try contents(["brad_pitt.jpg", "chicago.jpg", "flowers.jpg"], account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let created = try batch(["contents": assets, "filters": [["id": filter.id.rawValue]], "max_side": 64, "format": "png"],
                                token: user.sessionToken)
        XCTAssertEqual(created.status, 202, created.text)
        let body = try created.json()
        let id = try XCTUnwrap(body["id"] as? String)
        XCTAssertTrue(id.hasPrefix("bat_") && id.count == 24, id)
        XCTAssertEqual(body["object"] as? String, "stylization_batch")
        XCTAssertEqual(created.header("Location"), "/v1/stylizations/batches/\(id)")
        let items = try XCTUnwrap(body["items"] as? [[String: Any]])
        XCTAssertEqual(items.map { $0["index"] as? Int }, [0, 1, 2])
        let stylizationIDs = items.compactMap { $0["stylization"] as? String }
        XCTAssertEqual(Set(stylizationIDs).count, 3)
        XCTAssertEqual((body["counts"] as? [String: Int])?["total"], 3)

        let done = try waitForCompletion(id, token: user.sessionToken)
        XCTAssertEqual(done["status"] as? String, "completed")
        XCTAssertEqual((done["counts"] as? [String: Int])?["succeeded"], 3, "\(done)")
        for (index, stylization) in stylizationIDs.enumerated() {
            let single = try client.get("/v1/stylizations/\(stylization)", token: user.sessionToken).json()
            XCTAssertEqual(single["content"] as? String, assets[index], "items keep the request's order")
            XCTAssertEqual((single["options"] as? [String: Any])?["format"] as? String, "png", "shared fields apply to every item")
        }
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).frames, 3, "charged per item")

        let deadline = Date().addingTimeInterval(30)
        func types() -> [String] {
            receiver.requests.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any])?["type"] as? String }
        }
        while Date() < deadline, types().count < 4 { Thread.sleep(forTimeInterval: 0.1) }
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(types().filter { $0 == "stylization.succeeded" }.count, 3, "\(types())")
        XCTAssertEqual(types().filter { $0 == "batch.completed" }.count, 1, "\(types())")
        let completed = try XCTUnwrap(receiver.requests.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]
        }.first { $0["type"] as? String == "batch.completed" })
        let data = try XCTUnwrap(completed["data"] as? [String: Any])
        XCTAssertEqual(data["id"] as? String, id)
        XCTAssertEqual(data["status"] as? String, "completed")
    }

    func testOneContentWithManyFilterSetsIsAPreviewSheet() throws {
        let user = try premium("sheet@example.com")
        let asset = try contents(["brad_pitt.jpg"], account: user.accountID)[0]
        let first = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let second = try stylizations.filter("brushstrokes.jpg", account: user.accountID).id.rawValue
        let created = try batch(["content": asset, "filter_sets": [[["id": first]], [second], [["id": first, "weight": 1], ["id": second, "weight": 1]]],
                                 "max_side": 64], token: user.sessionToken)
        XCTAssertEqual(created.status, 202, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        let done = try waitForCompletion(id, token: user.sessionToken)
        XCTAssertEqual((done["counts"] as? [String: Int])?["succeeded"], 3, "\(done)")
        let items = try XCTUnwrap(done["items"] as? [[String: Any]])
        let filters = try items.map { item -> [String] in
            let single = try client.get("/v1/stylizations/\(item["stylization"] as? String ?? "")", token: user.sessionToken).json()
            return (single["filters"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        XCTAssertEqual(filters, [[first], [second], [first, second]])
    }

    func testEveryBadInputNamesItsItemAndNothingIsStored() throws {
        let user = try premium("bad-batch@example.com")
        let asset = try contents(["brad_pitt.jpg"], account: user.accountID)[0]
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let filters: [[String: Any]] = [["id": filter]]
        try assertProblem(try batch(["contents": [asset, "ast_nope"], "filters": filters], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "contents[1]")
        try assertProblem(try batch(["contents": [asset, 7], "filters": filters], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "contents[1]")
        try assertProblem(try batch(["content": asset, "filter_sets": [filters, [["id": "flt_nope"]]]], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "filter_sets[1][0].id")
        try assertProblem(try batch(["content": asset, "filter_sets": [filters, []]], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "filter_sets[1]")
        try assertProblem(try batch(["contents": [asset], "filter_sets": [filters]], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "filter_sets")
        try assertProblem(try batch(["filters": filters], token: user.sessionToken), status: 422, code: "missing_field", param: "contents")
        try assertProblem(try batch(["contents": [asset]], token: user.sessionToken), status: 422, code: "missing_field", param: "filters")
        try assertProblem(try batch(["contents": [], "filters": filters], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "contents")
        try assertProblem(try batch(["contents": Array(repeating: asset, count: 51), "filters": filters], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "contents")
        try assertProblem(try batch(["contents": asset, "filters": filters], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "contents")
        try assertProblem(try batch(["contents": [asset], "content": asset, "filters": filters], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "content")
        try assertProblem(try batch(["contents": [asset], "filters": filters, "strength": 3], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "strength")
        try assertProblem(try batch(["contents": [asset, asset], "filters": filters, "format": "mp4"], token: user.sessionToken),
                          status: 422, code: "invalid_request", param: "format")
        try assertProblem(try client.send("POST", "/v1/stylizations/batch", token: user.sessionToken,
                                          headers: [("Content-Type", "application/json")], body: Array("[1".utf8)),
                          status: 400, code: "invalid_json")
        try assertProblem(try client.send("POST", "/v1/stylizations/batch", token: user.sessionToken,
                                          headers: [("Content-Type", "text/plain")], body: Array("{}".utf8)),
                          status: 415, code: "unsupported_media_type")
        let list = try client.get("/v1/stylizations", token: user.sessionToken).json()
        XCTAssertEqual((list["data"] as? [Any])?.count, 0, "no item of a refused batch was stored")
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).frames, 0)
    }

    func testABatchIsAdmittedAsAWholeOrRefusedWithTheReasonForTheSum() throws {
        let user = try premium("sum@example.com")
        let assets = try contents(["brad_pitt.jpg", "chicago.jpg", "flowers.jpg"], account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        _ = try stylizations.quotas.administration.setOverride(.monthlyFrames, to: 2, forAccount: user.accountID)
        let refused = try batch(["contents": assets, "filters": [filter], "max_side": 64], token: user.sessionToken)
        let problem = try assertProblem(refused, status: 402, code: "quota_exceeded")
        XCTAssertEqual(problem["limit"] as? String, "monthly_frames")
        XCTAssertEqual(problem["requested"] as? Int, 3, "the refusal names the whole batch: \(problem)")
        XCTAssertEqual((try client.get("/v1/stylizations", token: user.sessionToken).json()["data"] as? [Any])?.count, 0)

        _ = try stylizations.quotas.administration.setOverride(.monthlyFrames, to: 1000, forAccount: user.accountID)
        let fits = try batch(["contents": Array(assets.prefix(2)), "filters": [filter], "max_side": 64], token: user.sessionToken)
        XCTAssertEqual(fits.status, 202, fits.text)
    }

    /// A batch needs one free `concurrent_jobs` slot, as a single stylization does, however many
    /// items it has: they queue, and the workers run at most the plan's number of them at once.
    func testABatchLargerThanTheConcurrencyLimitQueuesAndTakesTheSlotsInTurn() throws {
        let user = try premium("slots@example.com")
        _ = try stylizations.quotas.administration.setOverride(.concurrentJobs, to: 1, forAccount: user.accountID)
        let video = try stylizations.upload(Fixtures.video, account: user.accountID).id.rawValue
        let image = try contents(["chicago.jpg"], account: user.accountID)[0]
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let admitted = try batch(["contents": [video, video, video], "filters": [filter], "max_side": 128], token: user.sessionToken)
        XCTAssertEqual(admitted.status, 202, admitted.text)
        let id = try XCTUnwrap(try admitted.json()["id"] as? String)

        // While the batch is in flight the account's one slot is taken: another submission waits.
        try assertProblem(try batch(["contents": [image], "filters": [filter], "max_side": 64], token: user.sessionToken),
                          status: 429, code: "concurrency_limit")
        for _ in 0..<10 {
            let counts = try XCTUnwrap(try client.get("/v1/stylizations/batches/\(id)", token: user.sessionToken).json()["counts"] as? [String: Int])
            XCTAssertLessThanOrEqual(counts["running"] ?? 0, 1, "more items running than the plan's concurrent_jobs: \(counts)")
            XCTAssertEqual(counts["total"], 3)
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(try client.post("/v1/stylizations/batches/\(id)/cancel", json: [:], token: user.sessionToken).status, 200)
        let ended = try waitForCompletion(id, token: user.sessionToken, timeout: 30)
        XCTAssertEqual(ended["status"] as? String, "completed", "\(ended)")
        let after = try batch(["contents": [image], "filters": [filter], "max_side": 64], token: user.sessionToken)
        XCTAssertEqual(after.status, 202, "the slot is free again once the batch ended: \(after.text)")
    }

    func testABatchThatEndedWithoutItsCompletedEventIsAnnouncedAtTheNextStart() throws {
        let user = try premium("batch-crash@example.com")
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let hook = try client.post("/v1/webhooks", json: ["url": receiver.url, "events": ["batch.completed"]], token: user.sessionToken)
        XCTAssertEqual(hook.status, 201, hook.text)
        let assets = try contents(["chicago.jpg", "flowers.jpg"], account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let created = try batch(["contents": assets, "filters": [filter], "max_side": 64], token: user.sessionToken)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        XCTAssertEqual(try waitForCompletion(id, token: user.sessionToken)["status"] as? String, "completed")
        XCTAssertEqual(receiver.waitForRequests(1).count, 1)

        func announcedBatches() -> [String] {
            receiver.requests.compactMap {
                ((try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any])?["data"] as? [String: Any])?["id"] as? String
            }
        }
        func restart() -> StylizationService {
            StylizationService(
                database: stylizations.database, assets: stylizations.assets, filters: stylizations.filters,
                jobs: stylizations.jobs, events: .webhooks(stylizations.webhooks))
        }
        // As if the process had died after the last item's end was stored but before its observer
        // marked the batch; then as if it had died between marking it and enqueueing the event.
        for unmark in [true, false] {
            try stylizations.database.write { connection in
                _ = try connection.run("DELETE FROM webhook_deliveries")
                _ = try connection.run("DELETE FROM webhook_events")
                if unmark { _ = try connection.run("UPDATE stylization_batches SET completed_at = NULL") }
            }
            let before = receiver.requests.count
            _ = restart()
            XCTAssertEqual(receiver.waitForRequests(before + 1).count, before + 1, "unmark: \(unmark)")
            XCTAssertEqual(announcedBatches().last, id)
            let marked = try client.get("/v1/stylizations/batches/\(id)", token: user.sessionToken).json()
            XCTAssertNotNil(marked["completed_at"] as? String, "the batch is marked completed again: \(marked)")
        }
        _ = restart()
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(announcedBatches(), [id, id, id], "announced once per loss, not at every start")
    }

    func testIdempotencyTenancyAndCancel() throws {
        let user = try premium("idem@example.com")
        let other = try premium("other-batch@example.com")
        let video = try stylizations.upload(Fixtures.video, account: user.accountID).id.rawValue
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue
        let body: [String: Any] = ["contents": [video, video], "filters": [filter], "max_side": 128]
        let first = try batch(body, token: user.sessionToken, key: "batch-key-1")
        XCTAssertEqual(first.status, 202, first.text)
        let id = try XCTUnwrap(try first.json()["id"] as? String)
        let again = try batch(body, token: user.sessionToken, key: "batch-key-1")
        XCTAssertEqual(again.status, 202)
        XCTAssertEqual(try again.json()["id"] as? String, id)
        XCTAssertEqual(again.header("Idempotent-Replayed"), "true")
        try assertProblem(try batch(body.merging(["max_side": 96]) { $1 }, token: user.sessionToken, key: "batch-key-1"),
                          status: 422, code: "idempotency_key_reused")

        try assertProblem(try client.get("/v1/stylizations/batches/\(id)", token: other.sessionToken), status: 404, code: "not_found")
        try assertProblem(try client.post("/v1/stylizations/batches/\(id)/cancel", json: [:], token: other.sessionToken),
                          status: 404, code: "not_found")
        try assertProblem(try client.get("/v1/stylizations/batches/bat_nope", token: user.sessionToken), status: 404, code: "not_found")

        let canceled = try client.post("/v1/stylizations/batches/\(id)/cancel", json: [:], token: user.sessionToken)
        XCTAssertEqual(canceled.status, 200, canceled.text)
        let done = try waitForCompletion(id, token: user.sessionToken, timeout: 30)
        XCTAssertEqual((done["counts"] as? [String: Int])?["canceled"], 2, "\(done)")
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).frames, 0, "canceled items are not charged")
    }
}
