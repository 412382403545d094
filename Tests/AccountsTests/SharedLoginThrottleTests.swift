import Accounts
import Foundation
import Storage
import TestSupport
import XCTest

/// Failed logins, recovery mails and bad recovery tokens counted in the database: two API nodes
/// (two services on two handles of one database) meet one limit, with the same answers as the
/// in-memory throttles.
final class SharedLoginThrottleTests: AccountsTestCase {
    private func node() throws -> AccountServices {
        makeServices(database: try openDatabase()) { $0.sharesThrottles = true }
    }

    func testFailuresSpreadOverTwoNodesBlockTheNextAttemptOnEither() throws {
        try signUp("ada@example.com", password: "correct horse")
        let nodes = [try node(), try node()]
        for attempt in 0..<5 {
            clock.advance(10)
            XCTAssertThrowsAccountsError(
                try nodes[attempt % 2].sessions.login(email: "ada@example.com", password: "guess \(attempt)", clientAddress: "198.51.100.\(attempt)"),
                .invalidCredentials)
        }
        // As in memory: the first failure was 40 s before the last and leaves the window in 860 s.
        for node in nodes {
            XCTAssertThrowsAccountsError(
                try node.sessions.login(email: " ADA@example.com", password: "correct horse", clientAddress: "192.0.2.1"),
                .tooManyAttempts(retryAfter: 860))
        }
        // A process that keeps failures in memory would not know: the limit is in the database.
        XCTAssertNoThrow(try services.sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: "192.0.2.1"))
        clock.advance(861)
        XCTAssertNoThrow(try nodes[1].sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: "192.0.2.1"))
    }

    func testAnAddressGuessingAcrossEmailsIsBlockedOnEveryNode() throws {
        try signUp("ada@example.com", password: "correct horse")
        let nodes = [try node(), try node()]
        let address = "203.0.113.9"
        for index in 0..<20 {
            XCTAssertThrowsAccountsError(
                try nodes[index % 2].sessions.login(email: "victim\(index)@example.com", password: "password1", clientAddress: address),
                .invalidCredentials)
        }
        XCTAssertThrowsAccountsError(
            try nodes[0].sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: address), .tooManyAttempts(retryAfter: 900))
        XCTAssertNoThrow(try nodes[1].sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: "203.0.113.10"))
    }

    func testASuccessfulLoginClearsTheEmailsFailuresForEveryNodeAndOldRowsArePruned() throws {
        try signUp("ada@example.com", password: "correct horse")
        let nodes = [try node(), try node()]
        for index in 0..<4 {
            XCTAssertThrowsAccountsError(try nodes[index % 2].sessions.login(email: "ada@example.com", password: "wrong horse"), .invalidCredentials)
        }
        XCTAssertNoThrow(try nodes[0].sessions.login(email: "ada@example.com", password: "correct horse"))
        for index in 0..<4 {
            XCTAssertThrowsAccountsError(try nodes[index % 2].sessions.login(email: "ada@example.com", password: "wrong horse"), .invalidCredentials)
        }
        XCTAssertNoThrow(try nodes[1].sessions.login(email: "ada@example.com", password: "correct horse"))
        XCTAssertEqual(try count("login_failures"), 0, "the e-mail's failures are gone; none had an address")

        XCTAssertThrowsAccountsError(try nodes[0].sessions.login(email: "ghost@example.com", password: "x", clientAddress: "192.0.2.7"), .invalidCredentials)
        XCTAssertEqual(try count("login_failures"), 2, "one row for the e-mail, one for the address")
        clock.advance(15 * 60 + 1)
        XCTAssertThrowsAccountsError(try nodes[1].sessions.login(email: "ghost@example.com", password: "x"), .invalidCredentials)
        XCTAssertEqual(try count("login_failures"), 1, "failures older than the window are pruned")
    }

    func testResetMailsAskedForOnTwoNodesMeetOneLimitAndDoNotCountAsFailedLogins() throws {
        try signUp("ada@example.com", password: "correct horse")
        let nodes = [try node(), try node()]
        for index in 0..<3 {
            clock.advance(10)
            XCTAssertNoThrow(try nodes[index % 2].passwords.requestReset(email: "ada@example.com", clientAddress: "198.51.100.\(index)"))
        }
        // Three mails per address in the window (the first 20 s before the last): the fourth waits on either node.
        for node in nodes {
            XCTAssertThrowsAccountsError(try node.passwords.requestReset(email: "ada@example.com", clientAddress: "192.0.2.1"),
                                         .tooManyRequests(retryAfter: 880))
        }
        // Another throttle's rows: the login limit of the same e-mail is untouched.
        XCTAssertNoThrow(try nodes[0].sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: "192.0.2.1"))
        clock.advance(881)
        XCTAssertNoThrow(try nodes[1].passwords.requestReset(email: "ada@example.com", clientAddress: "192.0.2.1"))
    }

    func testBadTokensFromOneAddressOnTwoNodesMeetOneLimit() throws {
        let nodes = [try node(), try node()]
        let address = "203.0.113.9"
        for index in 0..<20 {
            XCTAssertThrowsAccountsError(
                try nodes[index % 2].verification.verify(token: "evt_" + String(repeating: "1", count: 43), clientAddress: address), .tokenInvalid)
        }
        for node in nodes {
            XCTAssertThrowsAccountsError(try node.passwords.reset(token: "rst_x", newPassword: "new password", clientAddress: address),
                                         .tooManyRequests(retryAfter: 900))
        }
        XCTAssertThrowsAccountsError(try nodes[0].passwords.reset(token: "rst_x", newPassword: "new password", clientAddress: "198.51.100.1"),
                                     .tokenMalformed(expectedPrefix: "rst_"))
        // Bad tokens and mail requests are pruned by their own windows, not by the login window.
        XCTAssertEqual(try count("login_failures"), 21)
    }
}
