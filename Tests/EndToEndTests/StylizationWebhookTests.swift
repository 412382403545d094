import API
import Foundation
import Stylizations
import TestSupport
import XCTest

/// Webhooks over HTTP on a real server: endpoints registered through the API, a real
/// stylization on the real weights, a real receiver on a loopback socket, and the signature
/// checked by Python's standard library.
final class StylizationWebhookTests: StylizationTestCase {
    private var receivers: [WebhookReceiver] = []

    override func tearDownWithError() throws {
        try super.tearDownWithError()
        receivers.forEach { $0.stop() }
    }

    private func receiver(failures: Int = 0) throws -> WebhookReceiver {
        let receiver = try WebhookReceiver(failures: failures)
        receivers.append(receiver)
        return receiver
    }

    private func register(_ url: String, events: [String]? = nil, token: String) throws -> HTTPClient.Response {
        var body: [String: Any] = ["url": url]
        if let events { body["events"] = events }
        return try client.post("/v1/webhooks", json: body, token: token)
    }

    private func stylizeSmall(_ user: SignedUp, extra: [String: Any] = [:]) throws -> HTTPClient.Response {
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        return try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 64].merging(extra) { $1 },
            token: user.sessionToken)
    }

    func testARegisteredEndpointGetsTheSignedSucceededEventRetriedWithTheSameIdUntilItAnswers2xx() throws {
        let receiver = try receiver(failures: 2)
        let user = try signUp("hooks@example.com")
        let registered = try register(receiver.url, token: user.sessionToken)
        XCTAssertEqual(registered.status, 201, registered.text)
        let endpoint = try registered.json()
        let endpointID = try XCTUnwrap(endpoint["id"] as? String)
        XCTAssertTrue(endpointID.hasPrefix("whk_"))
        XCTAssertEqual(endpoint["object"] as? String, "webhook_endpoint")
        XCTAssertEqual(endpoint["url"] as? String, receiver.url)
        XCTAssertEqual(endpoint["events"] as? [String], ["stylization.succeeded", "stylization.failed", "stylization.canceled"])
        XCTAssertNotNil(endpoint["created_at"] as? String)
        let secret = try XCTUnwrap(endpoint["secret"] as? String)
        XCTAssertTrue(secret.hasPrefix("whsec_"))
        let shown = try client.get("/v1/webhooks/\(endpointID)", token: user.sessionToken).json()
        XCTAssertNil(shown["secret"], "the secret is shown only once")
        XCTAssertEqual(shown["url"] as? String, receiver.url)

        let response = try stylizeSmall(user)
        XCTAssertEqual(response.status, 201, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)

        let requests = receiver.waitForRequests(3, timeout: 30)
        XCTAssertEqual(requests.count, 3)
        XCTAssertEqual(Set(requests.compactMap { $0.headers["webhook-id"] }).count, 1, "the same webhook-id on every retry")
        for request in requests {
            XCTAssertEqual(request.headers["content-type"], "application/json")
            XCTAssertEqual(request.headers["user-agent"], "Stylify-Webhooks/1")
            let messageID = try XCTUnwrap(request.headers["webhook-id"])
            let timestamp = try XCTUnwrap(request.headers["webhook-timestamp"])
            let signature = try XCTUnwrap(request.headers["webhook-signature"])
            XCTAssertTrue(signature.hasPrefix("v1,"))
            XCTAssertTrue(try PythonSignatureCheck.verify(
                secret: secret, id: messageID, timestamp: timestamp, body: request.body, signatureHeader: signature),
                "python3's hmac agrees with the signature")
        }
        let last = try XCTUnwrap(requests.last)
        let event = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(last.body)) as? [String: Any])
        XCTAssertEqual(event["type"] as? String, "stylization.succeeded")
        XCTAssertNotNil(ISO8601DateFormatter().date(from: event["timestamp"] as? String ?? ""))
        let data = try XCTUnwrap(event["data"] as? NSDictionary)
        XCTAssertEqual(data["id"] as? String, id)
        let fetched = try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json() as NSDictionary
        XCTAssertEqual(data, fetched, "data is the stylization exactly as GET renders it")

        var deliveries: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(10)
        repeat {
            deliveries = try client.get("/v1/webhooks/\(endpointID)/deliveries", token: user.sessionToken).json()["data"] as? [[String: Any]] ?? []
            if deliveries.first?["status"] as? String == "delivered" { break }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        XCTAssertEqual(deliveries.count, 1)
        XCTAssertEqual(deliveries.first?["status"] as? String, "delivered")
        XCTAssertEqual(deliveries.first?["attempts"] as? Int, 3)
        XCTAssertEqual(deliveries.first?["id"] as? String, last.headers["webhook-id"])
        XCTAssertEqual(deliveries.first?["event_type"] as? String, "stylization.succeeded")
    }

    func testACanceledStylizationSendsTheCanceledEvent() throws {
        let receiver = try receiver()
        let user = try signUp("cancel-hooks@example.com")
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        XCTAssertEqual(try register(receiver.url, events: ["stylization.canceled"], token: user.sessionToken).status, 201)
        let asset = try stylizations.upload(Fixtures.video, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let response = try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": 128], token: user.sessionToken)
        XCTAssertEqual(response.status, 202, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        let canceled = try client.send("POST", "/v1/stylizations/\(id)/cancel", token: user.sessionToken)
        XCTAssertEqual(canceled.status, 200, canceled.text)

        let request = try XCTUnwrap(receiver.waitForRequests(1).first)
        let event = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        XCTAssertEqual(event["type"] as? String, "stylization.canceled")
        let data = try XCTUnwrap(event["data"] as? [String: Any])
        XCTAssertEqual(data["id"] as? String, id)
        XCTAssertEqual(data["status"] as? String, "canceled")
        XCTAssertEqual((data["error"] as? [String: Any])?["code"] as? String, "canceled")
        _ = try poll(id, token: user.sessionToken)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(receiver.requests.count, 1, "one event, even though the worker also saw the job end")
    }

    func testAWebhookURLThatIsNotRegisteredIsRefusedAndARegisteredOneGetsTheEventOnce() throws {
        let receiver = try receiver()
        let user = try signUp("callback@example.com")
        let refused = try stylizeSmall(user, extra: ["webhook_url": receiver.url])
        let problem = try assertProblem(refused, status: 422, code: "webhook_not_registered", param: "webhook_url")
        XCTAssertTrue((problem["detail"] as? String)?.contains("POST /v1/webhooks") == true, "\(problem)")
        try assertProblem(try stylizeSmall(user, extra: ["webhook_url": 7]), status: 422, code: "invalid_request", param: "webhook_url")

        // Subscribed to failures only: the callback still gets this stylization's success, once.
        XCTAssertEqual(try register(receiver.url, events: ["stylization.failed"], token: user.sessionToken).status, 201)
        let response = try stylizeSmall(user, extra: ["webhook_url": receiver.url])
        XCTAssertEqual(response.status, 201, response.text)
        let body = try response.json()
        XCTAssertEqual(body["webhook_url"] as? String, receiver.url)
        let id = try XCTUnwrap(body["id"] as? String)
        XCTAssertEqual(try client.get("/v1/stylizations/\(id)", token: user.sessionToken).json()["webhook_url"] as? String, receiver.url)

        let request = try XCTUnwrap(receiver.waitForRequests(1).first)
        let event = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        XCTAssertEqual(event["type"] as? String, "stylization.succeeded")
        XCTAssertEqual((event["data"] as? [String: Any])?["webhook_url"] as? String, receiver.url)

        let plain = try stylizeSmall(user)
        XCTAssertEqual(plain.status, 201)
        XCTAssertTrue(try plain.json()["webhook_url"] is NSNull)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(receiver.requests.count, 1, "not subscribed to successes: only the stylization that named it")
    }

    func testAnEndpointThatSubscribesAndIsTheWebhookURLGetsTheEventOnce() throws {
        let receiver = try receiver()
        let user = try signUp("both@example.com")
        XCTAssertEqual(try register(receiver.url, token: user.sessionToken).status, 201)
        XCTAssertEqual(try stylizeSmall(user, extra: ["webhook_url": receiver.url]).status, 201)
        XCTAssertEqual(receiver.waitForRequests(1).count, 1)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(receiver.requests.count, 1, "never twice")
    }

    func testAnotherAccountsEndpointIsNotFoundAndListsAreScoped() throws {
        let owner = try signUp("owner@example.com"), stranger = try signUp("stranger@example.com")
        let id = try XCTUnwrap(try register("https://example.com/hooks", token: owner.sessionToken).json()["id"] as? String)
        try assertProblem(try client.get("/v1/webhooks/\(id)", token: stranger.sessionToken), status: 404, code: "not_found")
        try assertProblem(try client.send("DELETE", "/v1/webhooks/\(id)", token: stranger.sessionToken), status: 404, code: "not_found")
        try assertProblem(try client.get("/v1/webhooks/\(id)/deliveries", token: stranger.sessionToken), status: 404, code: "not_found")
        XCTAssertEqual((try client.get("/v1/webhooks", token: stranger.sessionToken).json()["data"] as? [Any])?.count, 0)
        let list = try client.get("/v1/webhooks", token: owner.sessionToken).json()
        XCTAssertEqual(list["object"] as? String, "list")
        XCTAssertEqual((list["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [id])
        XCTAssertNil((list["data"] as? [[String: Any]])?.first?["secret"])

        XCTAssertEqual(try client.send("DELETE", "/v1/webhooks/\(id)", token: owner.sessionToken).status, 204)
        try assertProblem(try client.get("/v1/webhooks/\(id)", token: owner.sessionToken), status: 404, code: "not_found")
    }

    func testAnAccountGetsAtMost16EndpointsAndKeysNeedTheWebhooksScopes() throws {
        let user = try signUp("many@example.com")
        for index in 0..<16 {
            XCTAssertEqual(try register("https://example.com/\(index)", token: user.sessionToken).status, 201)
        }
        let problem = try assertProblem(try register("https://example.com/16", token: user.sessionToken), status: 409, code: "webhook_limit_reached")
        XCTAssertEqual(problem["limit"] as? Int, 16)

        let reader = try createKey(user.sessionToken, name: "reader", scopes: ["webhooks:read"])
        try assertProblem(try register("https://example.com/r", token: reader.secret), status: 403, code: "insufficient_scope")
        XCTAssertEqual(try client.get("/v1/webhooks?limit=100", token: reader.secret).status, 200)
        let other = try createKey(user.sessionToken, name: "other", scopes: ["stylizations"])
        try assertProblem(try client.get("/v1/webhooks", token: other.secret), status: 403, code: "insufficient_scope")
    }

    func testBadRegistrationsAreRefusedWithTheirParam() throws {
        let user = try signUp("bad-hooks@example.com")
        try assertProblem(try client.post("/v1/webhooks", json: [:], token: user.sessionToken), status: 422, code: "missing_field", param: "url")
        try assertProblem(try register("ftp://example.com/x", token: user.sessionToken), status: 422, code: "invalid_request", param: "url")
        try assertProblem(try register("https://me:pw@example.com/x", token: user.sessionToken), status: 422, code: "invalid_request", param: "url")
        try assertProblem(try register("https://example.com/x", events: ["stylization.nope"], token: user.sessionToken), status: 422, code: "invalid_request", param: "events")
        try assertProblem(try client.post("/v1/webhooks", json: ["url": 5], token: user.sessionToken), status: 422, code: "invalid_field", param: "url")
        try assertProblem(try client.get("/v1/webhooks?limit=0", token: user.sessionToken), status: 400, code: "invalid_parameter", param: "limit")
        XCTAssertEqual((try client.get("/v1/webhooks", token: user.sessionToken).json()["data"] as? [Any])?.count, 0)
    }

    func testAStylizationThatEndedWithoutItsEventIsAnnouncedAtTheNextStart() throws {
        let receiver = try receiver()
        let user = try signUp("crash@example.com")
        XCTAssertEqual(try register(receiver.url, token: user.sessionToken).status, 201)
        let response = try stylizeSmall(user)
        XCTAssertEqual(response.status, 201, response.text)
        let id = try XCTUnwrap(try response.json()["id"] as? String)
        XCTAssertEqual(receiver.waitForRequests(1).count, 1)
        Thread.sleep(forTimeInterval: 0.2)

        // As if the process had died after the job's end was stored but before its observer ran.
        try stylizations.database.write { connection in
            _ = try connection.run("DELETE FROM webhook_deliveries")
            _ = try connection.run("DELETE FROM webhook_events")
        }
        func restart() -> StylizationService {
            StylizationService(
                database: stylizations.database, assets: stylizations.assets, filters: stylizations.filters,
                jobs: stylizations.jobs, events: .webhooks(stylizations.webhooks))
        }
        _ = restart()
        let requests = receiver.waitForRequests(2)
        XCTAssertEqual(requests.count, 2)
        let event = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(requests[1].body)) as? [String: Any])
        XCTAssertEqual(event["type"] as? String, "stylization.succeeded")
        XCTAssertEqual((event["data"] as? [String: Any])?["id"] as? String, id)

        _ = restart()
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(receiver.requests.count, 2, "announced once")
    }
}
