import Accounts
import Foundation
import Storage
import XCTest

final class APIKeyTests: EndToEndTestCase {
    func testKeyLifecycleFromCreationToRevocation() throws {
        let ada = try signUp("ada@example.com")
        let created = try client.post("/v1/api-keys", json: ["name": "ci deploy", "scopes": ["filters", "stylizations:write"]], token: ada.sessionToken)
        XCTAssertEqual(created.status, 201, created.text)
        let body = try created.json()
        let id = try XCTUnwrap(body["id"] as? String)
        let secret = try XCTUnwrap(body["secret"] as? String)
        XCTAssertTrue(id.hasPrefix("key_"))
        XCTAssertTrue(secret.hasPrefix("sk_live_"))
        XCTAssertEqual(body["object"] as? String, "api_key")
        XCTAssertEqual(body["name"] as? String, "ci deploy")
        XCTAssertEqual(body["scopes"] as? [String], ["filters", "stylizations:write"])
        XCTAssertTrue(secret.hasPrefix(try XCTUnwrap(body["display_prefix"] as? String)))
        XCTAssertTrue(body["last_used_at"] is NSNull)

        // The key acts for the account, with no user.
        let me = try client.get("/v1/me", token: secret)
        XCTAssertEqual(me.status, 200, me.text)
        let meBody = try me.json()
        XCTAssertEqual((meBody["account"] as? [String: Any])?["id"] as? String, ada.accountID)
        XCTAssertTrue(meBody["user"] is NSNull)

        // The secret is shown once: never in the list or the single read.
        let list = try client.get("/v1/api-keys", token: ada.sessionToken)
        XCTAssertEqual(list.status, 200)
        XCTAssertFalse(list.text.contains(secret))
        let listed = try XCTUnwrap(try list.json()["data"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["id"] as? String }, [id])
        XCTAssertNil(listed[0]["secret"])
        server.accounts.authenticator.waitForPendingUsageWrites()
        let single = try client.get("/v1/api-keys/\(id)", token: ada.sessionToken)
        XCTAssertEqual(single.status, 200)
        XCTAssertNil(try single.json()["secret"])
        XCTAssertNotNil(try single.json()["last_used_at"] as? String, "the use above was recorded")

        let revoked = try client.delete("/v1/api-keys/\(id)", token: ada.sessionToken)
        XCTAssertEqual(revoked.status, 204, revoked.text)
        let refused = try client.get("/v1/me", token: secret)
        try assertProblem(refused, status: 401, code: "invalid_token")
        XCTAssertTrue(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") ?? false)
        try assertProblem(try client.delete("/v1/api-keys/\(id)", token: ada.sessionToken), status: 404, code: "not_found")
        let remaining = try client.get("/v1/api-keys", token: ada.sessionToken).json()["data"] as? [[String: Any]]
        XCTAssertEqual(remaining?.count, 0)
    }

    func testAnotherTenantsKeyIs404ExactlyLikeAMissingOneAndStaysUsable() throws {
        let ada = try signUp("ada@example.com")
        let bob = try signUp("bob@example.com")
        let adaKey = try createKey(ada.sessionToken)
        let missing = "key_" + String(repeating: "Z", count: 20)

        let foreignRead = try client.get("/v1/api-keys/\(adaKey.id)", token: bob.sessionToken)
        let missingRead = try client.get("/v1/api-keys/\(missing)", token: bob.sessionToken)
        try assertProblem(foreignRead, status: 404, code: "not_found")
        XCTAssertEqual(foreignRead.body, missingRead.body)
        XCTAssertFalse(foreignRead.text.contains(adaKey.id))

        let foreignDelete = try client.delete("/v1/api-keys/\(adaKey.id)", token: bob.sessionToken)
        let missingDelete = try client.delete("/v1/api-keys/\(missing)", token: bob.sessionToken)
        try assertProblem(foreignDelete, status: 404, code: "not_found")
        XCTAssertEqual(foreignDelete.body, missingDelete.body)

        // Also with Bob's own API key as the credential.
        let bobKey = try createKey(bob.sessionToken)
        try assertProblem(try client.delete("/v1/api-keys/\(adaKey.id)", token: bobKey.secret), status: 404, code: "not_found")

        XCTAssertEqual(try client.get("/v1/me", token: adaKey.secret).status, 200, "Ada's key still works")
        let bobList = try XCTUnwrap(try client.get("/v1/api-keys", token: bob.sessionToken).json()["data"] as? [[String: Any]])
        XCTAssertEqual(bobList.map { $0["id"] as? String }, [bobKey.id], "Bob sees only his own key")
    }

    func testMalformedKeyIDIs404LikeAnUnknownOne() throws {
        let ada = try signUp("ada@example.com")
        for id in ["nonsense", "acct_" + String(repeating: "A", count: 20), "key_short", "key_%00"] {
            try assertProblem(try client.get("/v1/api-keys/\(id)", token: ada.sessionToken), status: 404, code: "not_found")
            try assertProblem(try client.delete("/v1/api-keys/\(id)", token: ada.sessionToken), status: 404, code: "not_found")
        }
    }

    func testPaginationWalksEveryKeyOnceInCreationOrder() throws {
        let ada = try signUp("ada@example.com")
        var created: [String] = []
        for index in 0..<5 { created.append(try createKey(ada.sessionToken, name: "key \(index)").id) }

        var seen: [String] = []
        var pages: [(count: Int, hasMore: Bool)] = []
        var after: String?
        repeat {
            let target = "/v1/api-keys?limit=2" + (after.map { "&starting_after=\($0)" } ?? "")
            let response = try client.get(target, token: ada.sessionToken)
            XCTAssertEqual(response.status, 200, response.text)
            let body = try response.json()
            XCTAssertEqual(body["object"] as? String, "list")
            let ids = try XCTUnwrap(body["data"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            let hasMore = try XCTUnwrap(body["has_more"] as? Bool)
            pages.append((ids.count, hasMore))
            seen += ids
            after = hasMore ? ids.last : nil
        } while after != nil && pages.count < 10
        XCTAssertEqual(seen, created)
        XCTAssertEqual(pages.map(\.count), [2, 2, 1])
        XCTAssertEqual(pages.map(\.hasMore), [true, true, false])

        let defaultPage = try client.get("/v1/api-keys", token: ada.sessionToken).json()
        XCTAssertEqual((defaultPage["data"] as? [[String: Any]])?.count, 5)
        let unknownCursor = try client.get("/v1/api-keys?starting_after=key_\(String(repeating: "Q", count: 20))", token: ada.sessionToken).json()
        XCTAssertEqual((unknownCursor["data"] as? [[String: Any]])?.count, 0)
        let malformedCursor = try client.get("/v1/api-keys?starting_after=not-an-id", token: ada.sessionToken).json()
        XCTAssertEqual((malformedCursor["data"] as? [[String: Any]])?.count, 0)
        XCTAssertEqual(malformedCursor["has_more"] as? Bool, false)
    }

    func testRestrictedKeyCannotManageKeysButUnrestrictedOneCan() throws {
        let ada = try signUp("ada@example.com")
        let restricted = try createKey(ada.sessionToken, name: "filters only", scopes: ["filters"])
        let reader = try createKey(ada.sessionToken, name: "reader", scopes: ["api_keys:read"])
        let full = try createKey(ada.sessionToken, name: "full")

        let refused = try client.post("/v1/api-keys", json: ["name": "escalate"], token: restricted.secret)
        try assertProblem(refused, status: 403, code: "insufficient_scope")
        XCTAssertTrue(refused.header("WWW-Authenticate")?.contains(#"scope="api_keys:write""#) ?? false)
        try assertProblem(try client.get("/v1/api-keys", token: restricted.secret), status: 403, code: "insufficient_scope")
        XCTAssertEqual(try client.get("/v1/api-keys", token: reader.secret).status, 200)
        try assertProblem(try client.delete("/v1/api-keys/\(full.id)", token: reader.secret), status: 403, code: "insufficient_scope")
        XCTAssertEqual(try client.post("/v1/api-keys", json: ["name": "made by key"], token: full.secret).status, 201)
    }

    func testAKeyHoldingOnlyTheKeysWriteScopeCannotMintMoreAccess() throws {
        let ada = try signUp("ada@example.com")
        let minter = try createKey(ada.sessionToken, name: "minter", scopes: ["api_keys:write"])

        // The escalation: no scopes means unrestricted, which this key is not.
        let unrestricted = try client.post("/v1/api-keys", json: ["name": "escalate"], token: minter.secret)
        try assertProblem(unrestricted, status: 403, code: "insufficient_scope", param: "scopes")
        let broader = try client.post(
            "/v1/api-keys", json: ["name": "escalate", "scopes": ["api_keys:write", "assets"]], token: minter.secret)
        let problem = try assertProblem(broader, status: 403, code: "insufficient_scope", param: "scopes")
        XCTAssertTrue((problem["detail"] as? String)?.contains("\"assets\"") ?? false, broader.text)

        // Within its own scopes it may, and the child is no stronger than its parent.
        let child = try client.post("/v1/api-keys", json: ["name": "child", "scopes": ["api_keys:write"]], token: minter.secret)
        XCTAssertEqual(child.status, 201, child.text)
        let childSecret = try XCTUnwrap(try child.json()["secret"] as? String)
        try assertProblem(try client.get("/v1/api-keys", token: childSecret), status: 403, code: "insufficient_scope")
        try assertProblem(try client.post("/v1/api-keys", json: ["name": "grandchild"], token: childSecret), status: 403, code: "insufficient_scope")

        let keys = try XCTUnwrap(try client.get("/v1/api-keys", token: ada.sessionToken).json()["data"] as? [[String: Any]])
        XCTAssertEqual(keys.map { $0["name"] as? String }, ["minter", "child"], "refused requests created nothing")
    }

    func testAMisspeltScopeIs422NamingTheValidOnes() throws {
        let ada = try signUp("ada@example.com")
        let response = try client.post("/v1/api-keys", json: ["name": "typo", "scopes": ["filters:raed"]], token: ada.sessionToken)
        let problem = try assertProblem(response, status: 422, code: "invalid_scope", param: "scopes")
        let detail = try XCTUnwrap(problem["detail"] as? String)
        XCTAssertTrue(detail.contains("filters:raed"), detail)
        XCTAssertTrue(detail.contains("filters:read"), detail)
        XCTAssertTrue(detail.contains("stylizations:write"), detail)
        XCTAssertTrue(try server.accounts.administration.listAPIKeys(includeRevoked: true).isEmpty)
    }

    func testKeyLimitIsAConflictNamingTheLimit() throws {
        server.stop()
        server = try AccountsServer(accounts: { $0.maximumActiveAPIKeys = 2 })
        let ada = try signUp("ada@example.com")
        _ = try createKey(ada.sessionToken)
        _ = try createKey(ada.sessionToken)
        let third = try client.post("/v1/api-keys", json: ["name": "third"], token: ada.sessionToken)
        let problem = try assertProblem(third, status: 409, code: "limit_reached")
        XCTAssertEqual(problem["limit"] as? Int, 2)
    }

    func testUsingAKeyIsNotStalledByAnotherWriterHoldingTheDatabase() throws {
        let ada = try signUp("ada@example.com")
        let key = try createKey(ada.sessionToken)
        // Another process takes the write lock for 3 s: the key's first use wants to record
        // last_used_at, which must not make the request wait for that lock.
        let other = try Database(url: server.databaseURL, configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        let holding = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? other.write { _ in
                holding.signal()
                usleep(3_000_000)
            }
            released.signal()
        }
        holding.wait()
        let started = Date()
        let response = try client.get("/v1/me", token: key.secret)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertLessThan(elapsed, 1.5, "the request waited for the writer")
        released.wait()
    }
}
