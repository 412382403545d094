import Accounts
import TestSupport
import Foundation
import Storage
import XCTest

final class AuthenticationFlowTests: AccountsTestCase {
    func testSignUpLoginSessionKeyAndRevocationWorkEndToEnd() throws {
        let signUp = try signUp()
        XCTAssertEqual(signUp.account.plan, "free")
        XCTAssertEqual(signUp.account.status, .active)
        XCTAssertEqual(signUp.user.role, .owner)

        let session = try services.sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: "203.0.113.5")
        let viaSession = try services.authenticator.authenticate(bearer: session.token)
        XCTAssertEqual(viaSession.kind, .session)
        XCTAssertEqual(viaSession.accountID, signUp.account.id)
        XCTAssertEqual(viaSession.userID, signUp.user.id)
        XCTAssertNil(viaSession.apiKeyID)

        let created = try services.apiKeys.create(in: viaSession.accountID, name: "CI", createdBy: viaSession.userID)
        let viaKey = try services.authenticator.authenticate(bearer: created.secret)
        XCTAssertEqual(viaKey.kind, .apiKey)
        XCTAssertEqual(viaKey.accountID, signUp.account.id)
        XCTAssertEqual(viaKey.apiKeyID, created.key.id)
        XCTAssertNil(viaKey.userID)
        XCTAssertEqual(viaKey.plan, "free")

        try services.apiKeys.revoke(created.key.id, in: signUp.account.id)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: created.secret), .invalidToken)
    }

    func testSignUpSessionIsUsableStraightAway() throws {
        let result = try signUp()
        XCTAssertEqual(try services.authenticator.authenticate(bearer: result.session.token).userID, result.user.id)
        XCTAssertTrue(result.session.token.hasPrefix("sess_"))
    }

    func testLogoutRevokesTheSessionImmediately() throws {
        let token = try signUp().session.token
        _ = try services.authenticator.authenticate(bearer: token)  // warm the cache
        try services.sessions.logout(sessionToken: token)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: token), .invalidToken)
        XCTAssertThrowsAccountsError(try services.sessions.logout(sessionToken: token), .invalidToken)
    }

    func testSessionExpiresAfterItsLifetime() throws {
        let session = try signUp().session
        XCTAssertEqual(session.expiresAt.timeIntervalSince(clock.now), 30 * 24 * 3600, accuracy: 1)
        clock.advance(30 * 24 * 3600 + 2)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: session.token), .invalidToken)
    }

    func testLoginSweepsTheUsersExpiredAndRevokedSessions() throws {
        let first = try signUp().session
        let second = try services.sessions.login(email: "ada@example.com", password: "correct horse")
        try services.sessions.logout(sessionToken: second.token)
        clock.advance(31 * 24 * 3600)
        let fresh = try services.sessions.login(email: "ada@example.com", password: "correct horse")
        XCTAssertEqual(try count("sessions"), 1)
        XCTAssertEqual(try services.authenticator.authenticate(bearer: fresh.token).userID, first.userID)
    }

    func testMalformedTokensAreRefusedWithoutADatabaseRead() throws {
        let before = services.authenticator.cacheStatistics
        for token in ["", "Bearer sk_live_x", "sess_tooShort", "sk_live_", "hello world", String(repeating: "a", count: 10_000),
                      "sess_" + String(repeating: "-", count: 43)] {
            XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: token), .malformedToken)
        }
        let after = services.authenticator.cacheStatistics
        XCTAssertEqual(after.misses, before.misses)
        XCTAssertEqual(after.hits, before.hits)
    }

    func testMistypedAPIKeyFailsItsChecksumWithoutADatabaseRead() throws {
        let account = try signUp().account.id
        let secret = try services.apiKeys.create(in: account, name: "typo test").secret
        var characters = Array(secret)
        let index = 20
        characters[index] = characters[index] == "a" ? "b" : "a"
        let mistyped = String(characters)
        let before = services.authenticator.cacheStatistics
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: mistyped), .malformedToken)
        XCTAssertEqual(services.authenticator.cacheStatistics.misses, before.misses)
        XCTAssertEqual(try services.authenticator.authenticate(bearer: secret).accountID, account)
    }

    func testUnknownButWellFormedTokensAreInvalid() throws {
        _ = try signUp()
        let other = try makeSecondInstallationKey()
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: other), .invalidToken)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: "sess_" + String(repeating: "A", count: 43)), .invalidToken)
    }

    func testWarmTokenIsAnsweredFromMemory() throws {
        let account = try signUp().account.id
        let secret = try services.apiKeys.create(in: account, name: "warm").secret
        _ = try services.authenticator.authenticate(bearer: secret)
        let before = services.authenticator.cacheStatistics
        for _ in 0..<100 { _ = try services.authenticator.authenticate(bearer: secret) }
        let after = services.authenticator.cacheStatistics
        XCTAssertEqual(after.hits - before.hits, 100)
        XCTAssertEqual(after.misses, before.misses)
    }

    func testSuspendedAccountIsRefusedAndResumedAccountAccepted() throws {
        let result = try signUp()
        let secret = try services.apiKeys.create(in: result.account.id, name: "k").secret
        _ = try services.authenticator.authenticate(bearer: secret)
        try services.administration.setStatus(.suspended, of: result.account.id)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: secret), .accountSuspended)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: result.session.token), .accountSuspended)
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "ada@example.com", password: "correct horse"), .accountSuspended)
        try services.administration.setStatus(.active, of: result.account.id)
        XCTAssertEqual(try services.authenticator.authenticate(bearer: secret).accountID, result.account.id)
    }

    func testRevocationByASecondConnectionIsSeenWithinOneSecond() throws {
        try assertSeenFromAnotherProcessWithinOneSecond(expecting: .invalidToken) { other, _, key in
            try other.administration.revokeAPIKey(key)
        }
    }

    func testSuspensionByASecondConnectionIsSeenWithinOneSecond() throws {
        try assertSeenFromAnotherProcessWithinOneSecond(expecting: .accountSuspended) { other, account, _ in
            try other.administration.setStatus(.suspended, of: account)
        }
    }

    /// Plays the admin CLI: a second `Database` on the same file (as another process would have)
    /// changes something while this process's authenticator keeps answering with the real clock.
    private func assertSeenFromAnotherProcessWithinOneSecond(
        expecting expected: AccountsError,
        _ change: (AccountServices, AccountID, APIKeyID) throws -> Void
    ) throws {
        let services = makeServices { $0.clock = .system }
        let account = try services.registration.signUp(email: "ops@example.com", password: "correct horse").account.id
        let created = try services.apiKeys.create(in: account, name: "server")
        _ = try services.authenticator.authenticate(bearer: created.secret)  // cached now

        let cli = makeServices(database: try openDatabase()) { $0.clock = .system }
        try change(cli, account, created.key.id)
        let changedAt = Date()
        var refusedAfter: TimeInterval?
        while Date().timeIntervalSince(changedAt) < 3 {
            do {
                _ = try services.authenticator.authenticate(bearer: created.secret)
                Thread.sleep(forTimeInterval: 0.02)
            } catch {
                XCTAssertEqual(error as? AccountsError, expected)
                refusedAfter = Date().timeIntervalSince(changedAt)
                break
            }
        }
        let elapsed = try XCTUnwrap(refusedAfter, "still accepted 3 s after the change")
        XCTAssertLessThanOrEqual(elapsed, 1.25, "TTL is 1 s; the rest is slack for a loaded machine")
    }

    private func makeSecondInstallationKey() throws -> String {
        let directory = try Fixtures.temporaryDirectory("accounts-other")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try Database(url: directory.appendingPathComponent("other.sqlite"), configuration: .init(schemaDirectory: Self.schema))
        let services = makeServices(database: database)
        let account = try services.registration.signUp(email: "someone@example.com", password: "correct horse").account.id
        return try services.apiKeys.create(in: account, name: "elsewhere").secret
    }
}
