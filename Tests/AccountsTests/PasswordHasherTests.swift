import Accounts
import Foundation
import XCTest

final class PasswordHasherTests: XCTestCase {
    func testProductionParametersHashAndVerify() throws {
        let hasher = PasswordHasher(parameters: .production)
        let hash = try hasher.hash("correct horse battery staple")
        let parts = hash.split(separator: "$")
        XCTAssertEqual(Array(parts.prefix(4)), ["scrypt", "17", "8", "1"])
        XCTAssertEqual(Data(base64Encoded: String(parts[4]))?.count, 16, "16-byte salt")
        XCTAssertTrue(try hasher.verify("correct horse battery staple", against: hash))
        XCTAssertFalse(try hasher.verify("correct horse battery stapler", against: hash))
        XCTAssertFalse(hasher.needsRehash(hash))
    }

    func testSamePasswordHashesDifferentlyEachTime() throws {
        let hasher = PasswordHasher(parameters: .testing)
        let first = try hasher.hash("password123")
        let second = try hasher.hash("password123")
        XCTAssertNotEqual(first, second)
        XCTAssertTrue(try hasher.verify("password123", against: first))
        XCTAssertTrue(try hasher.verify("password123", against: second))
    }

    func testVerificationUsesTheParametersStoredInTheHash() throws {
        let old = try PasswordHasher(parameters: .testing).hash("password123")
        let current = PasswordHasher(parameters: ScryptParameters(logN: 12, r: 8, p: 1))
        XCTAssertTrue(try current.verify("password123", against: old))
        XCTAssertTrue(current.needsRehash(old))
    }

    func testDamagedOrHostileStoredHashesNeverVerify() throws {
        let hasher = PasswordHasher(parameters: .testing)
        let good = try hasher.hash("password123")
        let parts = good.split(separator: "$").map(String.init)
        let damaged = [
            "", "plaintext", "bcrypt$10$abc",
            (["scrypt", "40"] + parts[2...]).joined(separator: "$"),  // would need terabytes
            (parts[0...3] + ["!!!", parts[5]]).joined(separator: "$"),
            (parts[0...4] + [String(parts[5].dropLast(8))]).joined(separator: "$"),
        ]
        for stored in damaged {
            XCTAssertFalse(try hasher.verify("password123", against: stored), stored)
            XCTAssertTrue(hasher.needsRehash(stored))
        }
    }
}
