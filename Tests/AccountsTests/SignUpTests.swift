import Accounts
import Foundation
import Storage
import XCTest

final class SignUpTests: AccountsTestCase {
    func testEmailIsTrimmedAndLowercased() throws {
        let result = try services.registration.signUp(email: "  Ada.Lovelace@Example.COM \n", password: "correct horse")
        XCTAssertEqual(result.user.email, "ada.lovelace@example.com")
        XCTAssertNoThrow(try services.sessions.login(email: "ADA.LOVELACE@example.com ", password: "correct horse"))
    }

    func testSameEmailInAnotherCaseIsTaken() throws {
        try signUp("ada@example.com")
        XCTAssertThrowsAccountsError(try signUp("ADA@EXAMPLE.COM"), .emailTaken)
        XCTAssertEqual(try count("accounts"), 1)
    }

    func testImplausibleEmailsAreRefused() throws {
        for email in ["", "   ", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada@exa mple.com",
                      "a da@example.com", "ada@example.c", "ada@-example.com", "ada@example..com", ".ada@example.com",
                      "ada<x>@example.com", "ada@example.123", String(repeating: "a", count: 65) + "@example.com",
                      "ada@" + String(repeating: "a", count: 250) + ".com", "ada\u{0}@example.com"] {
            XCTAssertThrowsAccountsError(try signUp(email), .invalidEmail)
        }
        XCTAssertEqual(try count("accounts"), 0)
        XCTAssertNoThrow(try signUp("ada+tag_1@sub.example-mail.co.uk"))
    }

    func testPasswordMustBeEightToOneHundredTwentyEightCharacters() throws {
        let expected = AccountsError.invalidPassword(minimum: 8, maximum: 128)
        XCTAssertThrowsAccountsError(try signUp("a@example.com", password: ""), expected)
        XCTAssertThrowsAccountsError(try signUp("a@example.com", password: "1234567"), expected)
        XCTAssertThrowsAccountsError(try signUp("a@example.com", password: String(repeating: "x", count: 129)), expected)
        XCTAssertEqual(try count("users"), 0)
        XCTAssertNoThrow(try signUp("b@example.com", password: "12345678"))
        XCTAssertNoThrow(try signUp("c@example.com", password: String(repeating: "é", count: 128)))
    }

    func testNameWithControlCharactersOrTooLongIsRefused() throws {
        XCTAssertThrowsAccountsError(try services.registration.signUp(email: "a@example.com", password: "correct horse", name: "evil\u{1B}[31m"), .invalidName(maximum: 100))
        XCTAssertThrowsAccountsError(try services.registration.signUp(email: "a@example.com", password: "correct horse", name: String(repeating: "n", count: 101)), .invalidName(maximum: 100))
        XCTAssertEqual(try count("accounts"), 0)
        XCTAssertEqual(try services.registration.signUp(email: "a@example.com", password: "correct horse", name: "  Ada  ").account.name, "Ada")
    }

    func testConcurrentSignUpsWithOneEmailCreateOneAccount() throws {
        let registration = services.registration
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                _ = try registration.signUp(email: index.isMultiple(of: 2) ? "race@example.com" : " RACE@example.com", password: "password \(index)")
                outcomes.record("created")
            } catch AccountsError.emailTaken {
                outcomes.record("taken")
            } catch {
                outcomes.record("\(error)")
            }
        }
        XCTAssertEqual(outcomes.counts, ["created": 1, "taken": 7])
        XCTAssertEqual(try count("accounts"), 1)
        XCTAssertEqual(try count("users"), 1)
    }

    func testIdsArePrefixedAndUnguessable() throws {
        let first = try signUp("one@example.com")
        let second = try signUp("two@example.com")
        XCTAssertTrue(first.account.id.rawValue.hasPrefix("acct_"))
        XCTAssertTrue(first.user.id.rawValue.hasPrefix("usr_"))
        XCTAssertEqual(first.account.id.rawValue.count, 5 + 20)  // 20 base62 characters ≈ 119 bits
        XCTAssertNotEqual(first.account.id, second.account.id)
        XCTAssertEqual(AccountID(rawValue: first.account.id.rawValue), first.account.id)
        XCTAssertNil(AccountID(rawValue: first.user.id.rawValue), "a user id is not an account id")
        XCTAssertNil(AccountID(rawValue: "acct_../../etc/passwd"))
    }

    func testPasswordIsStoredOnlyAsAnScryptHash() throws {
        try signUp(password: "correct horse")
        let stored = try database.read { try $0.queryOne("SELECT password_hash FROM users")!.string("password_hash") }
        XCTAssertTrue(stored.hasPrefix("scrypt$10$8$1$"), stored)
        XCTAssertFalse(stored.contains("correct horse"))
    }
}

/// Tallies outcomes from concurrent iterations.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var tally: [String: Int] = [:]

    func record(_ outcome: String) {
        lock.lock()
        tally[outcome, default: 0] += 1
        lock.unlock()
    }

    var counts: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return tally
    }
}
