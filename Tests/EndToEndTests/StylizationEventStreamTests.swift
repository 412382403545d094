import Foundation
import TestSupport
import XCTest

/// `GET /v1/stylizations/{id}/events` on a real server with the real weights, read off a raw
/// socket as a browser's fetch would, and the opt-in progress webhooks of the same job.
final class StylizationEventStreamTests: StylizationTestCase {
    struct StreamedEvent {
        let id: Int?
        let name: String
        let data: [String: Any]
    }

    /// Reads events until the server ends the body (or `limit` events arrived).
    private func readEvents(_ connection: RawConnection, limit: Int = 1000) throws -> (events: [StreamedEvent], ended: Bool, comments: Int) {
        var text = ""
        var events: [StreamedEvent] = []
        var comments = 0
        while events.count < limit {
            let chunk = try connection.readChunk()
            if chunk.isEmpty { return (events, true, comments) }
            text += String(decoding: chunk, as: UTF8.self)
            while let end = text.range(of: "\n\n") {
                let block = String(text[..<end.lowerBound])
                text = String(text[end.upperBound...])
                var id: Int?
                var name = "message"
                var data = ""
                for line in block.split(separator: "\n") {
                    if line.hasPrefix(":") { comments += 1 }
                    if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) }
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
                }
                guard !data.isEmpty else { continue }
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
                events.append(StreamedEvent(id: id, name: name, data: object))
            }
        }
        return (events, false, comments)
    }

    private func openStream(_ id: String, token: String, lastEventID: String? = nil) throws -> (RawConnection, RawConnection.Response) {
        let connection = try RawConnection(port: stylizations.server.port, timeout: 120)
        var head = "GET /v1/stylizations/\(id)/events HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(token)\r\nAccept: text/event-stream\r\n"
        if let lastEventID { head += "Last-Event-ID: \(lastEventID)\r\n" }
        try connection.send(head + "\r\n")
        return (connection, try connection.readHead())
    }

    private func premiumVideo(_ email: String) throws -> (user: SignedUp, body: [String: Any]) {
        let user = try signUp(email)
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        let asset = try stylizations.upload(Fixtures.video, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        return (user, ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 96, "format": "mp4"])
    }

    func testARunningVideoStreamsStartedProgressAndItsEndAndOptedInEndpointsGetThrottledProgress() throws {
        let (user, body) = try premiumVideo("stream@example.com")
        let progressHooks = try WebhookReceiver()
        let defaultHooks = try WebhookReceiver()
        defer { progressHooks.stop(); defaultHooks.stop() }
        let optedIn = try client.post("/v1/webhooks", json: [
            "url": progressHooks.url, "events": ["stylization.started", "stylization.progress", "stylization.succeeded"],
        ], token: user.sessionToken)
        XCTAssertEqual(optedIn.status, 201, optedIn.text)
        XCTAssertEqual(try client.post("/v1/webhooks", json: ["url": defaultHooks.url], token: user.sessionToken).status, 201)

        let created = try stylize(body, token: user.sessionToken)
        XCTAssertEqual(created.status, 202, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        let (connection, head) = try openStream(id, token: user.sessionToken)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Type"), "text/event-stream; charset=utf-8")
        XCTAssertEqual(head.header("Cache-Control"), "no-store")
        XCTAssertEqual(head.header("Transfer-Encoding"), "chunked")

        let (events, ended, _) = try readEvents(connection)
        XCTAssertTrue(ended, "the stream ends after the final event")
        let names = events.map(\.name)
        XCTAssertEqual(names.first, "started", "\(names)")
        XCTAssertEqual(names.last, "succeeded", "\(names)")
        XCTAssertEqual(names.filter { $0 == "succeeded" }.count, 1)
        let progress = events.filter { $0.name == "progress" }
        XCTAssertGreaterThan(progress.count, 1, "a 240-frame video reports progress while it runs")
        XCTAssertLessThan(progress.count, 240, "progress is coalesced, not one event per frame")
        let done = progress.compactMap { $0.data["frames_done"] as? Int }
        XCTAssertEqual(done, done.sorted())
        XCTAssertTrue(progress.allSatisfy { $0.data["frames_total"] as? Int == 240 && $0.data["id"] as? String == id })
        let ids = events.compactMap(\.id)
        XCTAssertEqual(ids.count, events.count, "every event has an id")
        XCTAssertEqual(ids, ids.sorted(), "ids grow, so Last-Event-ID can resume")
        let final = try XCTUnwrap(events.last?.data)
        XCTAssertEqual(final["id"] as? String, id)
        XCTAssertEqual(final["status"] as? String, "succeeded")
        XCTAssertNotNil(final["result"] as? [String: Any])

        // The connection stays usable after the stream ended.
        try connection.send("GET /v1/stylizations/\(id) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(user.sessionToken)\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 200)

        // Webhooks: the opted-in endpoint gets started, a few progress events and the end; the
        // default endpoint only the end.
        let deadline = Date().addingTimeInterval(30)
        func types(_ receiver: WebhookReceiver) -> [String] {
            receiver.requests.compactMap { request in
                (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["type"] as? String
            }
        }
        while Date() < deadline, !types(progressHooks).contains("stylization.succeeded") || defaultHooks.requests.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let received = types(progressHooks)
        XCTAssertEqual(received.filter { $0 == "stylization.started" }.count, 1, "\(received)")
        XCTAssertEqual(received.filter { $0 == "stylization.succeeded" }.count, 1, "\(received)")
        let progressDeliveries = received.filter { $0 == "stylization.progress" }.count
        XCTAssertGreaterThanOrEqual(progressDeliveries, 1, "\(received)")
        XCTAssertLessThanOrEqual(progressDeliveries, 10, "at most one per tenth of the job: \(received)")
        XCTAssertEqual(types(defaultHooks), ["stylization.succeeded"], "no opt-in events for an endpoint that did not ask")
    }

    func testAFinishedStylizationAnswersItsFinalEventAtOnce() throws {
        let user = try signUp("finished@example.com")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let created = try stylize(["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 64],
                                  token: user.sessionToken)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        let response = try client.get("/v1/stylizations/\(id)/events", token: user.sessionToken)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "text/event-stream; charset=utf-8")
        XCTAssertTrue(response.text.hasPrefix("retry: 2000\n\n"), response.text)
        XCTAssertTrue(response.text.contains("id: 3\nevent: succeeded\ndata: {"), response.text)
        XCTAssertFalse(response.text.contains("event: started"), response.text)
    }

    func testAnotherAccountsStylizationIsNotFoundAndAKeyNeedsStylizationsRead() throws {
        let owner = try signUp("owner@example.com")
        let other = try signUp("other@example.com")
        let asset = try stylizations.upload(Self.photo, account: owner.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: owner.accountID)
        let created = try stylize(["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 64],
                                  token: owner.sessionToken)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        try assertProblem(try client.get("/v1/stylizations/\(id)/events", token: other.sessionToken), status: 404, code: "not_found")
        try assertProblem(try client.get("/v1/stylizations/sty_nope/events", token: owner.sessionToken), status: 404, code: "not_found")
        let key = try client.post("/v1/api-keys", json: ["name": "narrow", "scopes": ["filters:read"]], token: owner.sessionToken)
        let secret = try XCTUnwrap(try key.json()["secret"] as? String)
        try assertProblem(try client.get("/v1/stylizations/\(id)/events", token: secret), status: 403, code: "insufficient_scope")
        XCTAssertEqual(try client.get("/v1/stylizations/\(id)/events", token: owner.sessionToken).status, 200)
    }

    func testStreamsBeyondTheAccountLimitAre429AndCancelEndsEveryOpenStream() throws {
        let (user, body) = try premiumVideo("limit@example.com")
        let created = try stylize(body.merging(["max_side": 256]) { $1 }, token: user.sessionToken)
        XCTAssertEqual(created.status, 202, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        // Wait until it runs, so a resumed stream has something to skip.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json()["status"] as? String == "queued" {
            Thread.sleep(forTimeInterval: 0.05)
        }
        var open: [RawConnection] = []
        for index in 0..<4 {
            let (connection, head) = try openStream(id, token: user.sessionToken, lastEventID: index == 0 ? "1" : nil)
            XCTAssertEqual(head.status, 200)
            open.append(connection)
        }
        let refused = try client.get("/v1/stylizations/\(id)/events", token: user.sessionToken)
        try assertProblem(refused, status: 429, code: "too_many_streams")
        XCTAssertEqual(refused.header("Retry-After"), "5")
        let canceled = try client.post("/v1/stylizations/\(id)/cancel", json: [:], token: user.sessionToken)
        XCTAssertEqual(canceled.status, 200, canceled.text)
        for (index, connection) in open.enumerated() {
            let (events, ended, _) = try readEvents(connection)
            XCTAssertTrue(ended)
            XCTAssertEqual(events.last?.name, "canceled", "\(events.map(\.name))")
            if index == 0 {
                XCTAssertFalse(events.contains { $0.name == "started" }, "Last-Event-ID 1 skips started")
            } else {
                XCTAssertEqual(events.first?.name, "started")
            }
        }
        // Closed streams free their places.
        let deadlineFree = Date().addingTimeInterval(10)
        while Date() < deadlineFree, stylizations.streams.openCount > 0 { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertEqual(stylizations.streams.openCount, 0)
        XCTAssertEqual(try client.get("/v1/stylizations/\(id)/events", token: user.sessionToken).status, 200)
    }
}
