import Accounts
import Foundation
import Storage
import XCTest

final class APIKeyTests: AccountsTestCase {
    func testSecretIsShownOnceAndStoredOnlyAsAHash() throws {
        let account = try signUp().account.id
        let created = try services.apiKeys.create(in: account, name: "deploy bot", scopes: ["stylizations", "filters:read"])
        XCTAssertTrue(created.secret.hasPrefix("sk_live_"))
        XCTAssertEqual(created.secret.count, 8 + 32 + 6)
        XCTAssertTrue(created.key.id.rawValue.hasPrefix("key_"))
        XCTAssertEqual(created.key.displayPrefix, String(created.secret.prefix(12)))
        XCTAssertEqual(created.key.scopes, ["stylizations", "filters:read"])
        let stored = try database.read { try $0.query("SELECT * FROM api_keys") }
        XCTAssertEqual(stored.count, 1)
        for value in stored[0].values {
            if case .text(let text) = value { XCTAssertFalse(text.contains(created.secret.dropFirst(12).prefix(8))) }
        }
        let listed = try services.apiKeys.list(in: account).items
        XCTAssertEqual(listed, [created.key])
    }

    func testAnotherTenantsKeyIsNotFoundAndUntouched() throws {
        let owner = try signUp("owner@example.com").account.id
        let intruder = try signUp("intruder@example.com").account.id
        let created = try services.apiKeys.create(in: owner, name: "mine")

        XCTAssertThrowsAccountsError(try services.apiKeys.get(created.key.id, in: intruder), .notFound(resource: "api_key"))
        XCTAssertThrowsAccountsError(try services.apiKeys.revoke(created.key.id, in: intruder), .notFound(resource: "api_key"))
        XCTAssertEqual(try services.apiKeys.list(in: intruder).items, [])
        XCTAssertEqual(try services.apiKeys.list(in: intruder, startingAfter: created.key.id).items, [])

        let missing = try XCTUnwrap(APIKeyID(rawValue: "key_" + String(repeating: "Z", count: 20)))
        XCTAssertThrowsAccountsError(try services.apiKeys.get(missing, in: intruder), .notFound(resource: "api_key"))
        XCTAssertThrowsAccountsError(try services.apiKeys.revoke(missing, in: intruder), .notFound(resource: "api_key"))

        XCTAssertEqual(try services.apiKeys.get(created.key.id, in: owner), created.key)
        XCTAssertEqual(try services.authenticator.authenticate(bearer: created.secret).accountID, owner)
    }

    func testRevokedKeyIsRejectedOnTheVeryNextRequest() throws {
        let account = try signUp().account.id
        let created = try services.apiKeys.create(in: account, name: "short-lived")
        for _ in 0..<3 { _ = try services.authenticator.authenticate(bearer: created.secret) }
        try services.apiKeys.revoke(created.key.id, in: account)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: created.secret), .invalidToken)
        XCTAssertThrowsAccountsError(try services.apiKeys.get(created.key.id, in: account), .notFound(resource: "api_key"))
        XCTAssertThrowsAccountsError(try services.apiKeys.revoke(created.key.id, in: account), .notFound(resource: "api_key"))
    }

    func testTwentyFirstActiveKeyIsRefused() throws {
        let account = try signUp().account.id
        var keys: [APIKeyID] = []
        for index in 1...20 {
            keys.append(try services.apiKeys.create(in: account, name: "key \(index)").key.id)
        }
        XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: "key 21"), .apiKeyLimitReached(limit: 20))
        XCTAssertEqual(try count("api_keys"), 20)
        try services.apiKeys.revoke(keys[3], in: account)
        XCTAssertNoThrow(try services.apiKeys.create(in: account, name: "key 21"))
        // The limit is per account: another tenant is unaffected.
        XCTAssertNoThrow(try services.apiKeys.create(in: try signUp("other@example.com").account.id, name: "first"))
    }

    func testListingPagesThroughActiveKeysInCreationOrder() throws {
        let account = try signUp().account.id
        let ids = try (1...5).map { try services.apiKeys.create(in: account, name: "k\($0)").key.id }
        try services.apiKeys.revoke(ids[2], in: account)
        let first = try services.apiKeys.list(in: account, limit: 2)
        XCTAssertEqual(first.items.map(\.id), [ids[0], ids[1]])
        XCTAssertTrue(first.hasMore)
        let second = try services.apiKeys.list(in: account, limit: 2, startingAfter: ids[1])
        XCTAssertEqual(second.items.map(\.id), [ids[3], ids[4]])
        XCTAssertFalse(second.hasMore)
    }

    func testBadNamesAndScopesAreRefused() throws {
        let account = try signUp().account.id
        XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: "   "), .invalidName(maximum: 100))
        XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: String(repeating: "k", count: 101)), .invalidName(maximum: 100))
        XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: "ok", scopes: ["Filters"]), .invalidScope("Filters"))
        XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: "ok", scopes: ["filters:"]), .invalidScope("filters:"))
        XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: "ok", scopes: ["a:b:c"]), .invalidScope("a:b:c"))
        let tooMany = (0..<21).map { "scope_\(String(UnicodeScalar(UInt8(97 + $0))))" }
        XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: "ok", scopes: tooMany), .invalidScope(tooMany[20]))
        XCTAssertEqual(try count("api_keys"), 0)
        XCTAssertEqual(try services.apiKeys.create(in: account, name: "dup", scopes: ["assets", "assets"]).key.scopes, ["assets"])
    }

    func testScopesRestrictWhatAKeyAllows() throws {
        let account = try signUp().account.id
        let scoped = try services.apiKeys.create(in: account, name: "reader", scopes: ["filters", "assets:read"])
        let principal = try services.authenticator.authenticate(bearer: scoped.secret)
        XCTAssertTrue(principal.allows("filters:write"))
        XCTAssertTrue(principal.allows("assets:read"))
        XCTAssertFalse(principal.allows("assets:write"))
        XCTAssertFalse(principal.allows("stylizations"))
        let open = try services.apiKeys.create(in: account, name: "all")
        XCTAssertTrue(try services.authenticator.authenticate(bearer: open.secret).allows("anything"))
    }

    func testUnknownScopeNamesAreRefusedNamingTheValidOnes() throws {
        let account = try signUp().account.id
        for misspelt in ["filters:raed", "filter", "assets:delete", "admin", "stylizations:*"] {
            XCTAssertThrowsAccountsError(try services.apiKeys.create(in: account, name: "ok", scopes: [misspelt]), .invalidScope(misspelt))
        }
        let sentence = AccountsError.invalidScope("filters:raed").description
        for scope in APIKeyScope.all { XCTAssertTrue(sentence.contains(scope), "\(scope) missing from: \(sentence)") }
        XCTAssertEqual(try count("api_keys"), 0)
        XCTAssertEqual(try services.apiKeys.create(in: account, name: "every scope", scopes: APIKeyScope.all).key.scopes, APIKeyScope.all)
    }

    func testARestrictedCreatorGrantsOnlyScopesItHolds() throws {
        let account = try signUp().account.id
        func create(_ scopes: [String], by creator: [String]) throws -> [String] {
            try services.apiKeys.create(in: account, name: "child", scopes: scopes, creatorScopes: creator).key.scopes
        }
        // Unrestricted creators (sessions, unrestricted keys) grant anything, including no restriction.
        XCTAssertEqual(try create([], by: []), [])
        XCTAssertEqual(try create(["webhooks"], by: []), ["webhooks"])
        // A restricted creator grants subsets of its own permissions, in either spelling.
        XCTAssertEqual(try create(["api_keys:write"], by: ["api_keys:write"]), ["api_keys:write"])
        XCTAssertEqual(try create(["filters:read"], by: ["filters", "api_keys:write"]), ["filters:read"])
        XCTAssertEqual(try create(["filters"], by: ["filters:read", "filters:write", "api_keys:write"]), ["filters"])
        // ... and nothing more: no unrestricted key, no scope it lacks, no action it lacks.
        XCTAssertThrowsAccountsError(try create([], by: ["api_keys:write"]), .scopeNotHeld("*"))
        XCTAssertThrowsAccountsError(try create(["assets:read"], by: ["api_keys:write"]), .scopeNotHeld("assets:read"))
        XCTAssertThrowsAccountsError(try create(["api_keys"], by: ["api_keys:write"]), .scopeNotHeld("api_keys"))
        XCTAssertThrowsAccountsError(
            try create(["filters:read", "stylizations:write"], by: ["filters", "api_keys:write"]), .scopeNotHeld("stylizations:write"))
        XCTAssertEqual(try count("api_keys"), 5, "refused keys leave no row")
    }

    func testLastUsedIsWrittenAtMostOnceAMinute() throws {
        let account = try signUp().account.id
        let created = try services.apiKeys.create(in: account, name: "busy")
        func lastUsed() throws -> Date? {
            services.authenticator.waitForPendingUsageWrites()
            return try services.apiKeys.get(created.key.id, in: account).lastUsedAt
        }
        XCTAssertNil(try lastUsed())

        _ = try services.authenticator.authenticate(bearer: created.secret)
        let firstUse = try XCTUnwrap(try lastUsed())
        XCTAssertEqual(firstUse.timeIntervalSince1970, clock.now.timeIntervalSince1970, accuracy: 1)

        clock.advance(30)
        _ = try services.authenticator.authenticate(bearer: created.secret)
        XCTAssertEqual(try lastUsed(), firstUse, "written again after only 30 s")

        clock.advance(31)
        _ = try services.authenticator.authenticate(bearer: created.secret)
        XCTAssertEqual(try XCTUnwrap(try lastUsed()).timeIntervalSince(firstUse), 61, accuracy: 1)
    }
}
