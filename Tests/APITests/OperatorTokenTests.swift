import API
import Foundation
import Glibc
import TestSupport
import XCTest

/// The operator token: validation, constant-time matching, and the token file a server creates.
final class OperatorTokenTests: XCTestCase {
    func testGeneratedTokenFileIsCreatedOwnerOnlyAndReusedOnTheNextStart() throws {
        let directory = try Fixtures.temporaryDirectory("operator-token")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (first, firstSource) = try OperatorToken.loadOrCreate(in: directory)
        let path = directory.appendingPathComponent("operator-token").path
        XCTAssertEqual(firstSource, .createdFile(path: path))
        XCTAssertEqual(first.value.count, 64)
        let permissions = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        XCTAssertEqual(permissions & 0o777, 0o600)
        let (second, secondSource) = try OperatorToken.loadOrCreate(in: directory)
        XCTAssertEqual(secondSource, .existingFile(path: path))
        XCTAssertEqual(second.value, first.value)
        XCTAssertNotEqual(OperatorToken.generate().value, first.value)
        XCTAssertTrue(OperatorToken.isOwnerOnly(path))
        XCTAssertEqual(chmod(path, 0o640), 0)
        XCTAssertFalse(OperatorToken.isOwnerOnly(path), "group-readable")
        XCTAssertFalse(OperatorToken.isOwnerOnly(directory.appendingPathComponent("absent").path))
    }

    func testTokenMatchesOnlyItselfWhateverTheLength() throws {
        let token = try OperatorToken("correct-horse-battery-staple")
        XCTAssertTrue(token.matches("correct-horse-battery-staple"))
        for wrong in ["", "c", "correct-horse-battery-stapl", "correct-horse-battery-staple!", "Correct-horse-battery-staple",
                      "correct-horse-battery-staplecorrect-horse-battery-staple"] {
            XCTAssertFalse(token.matches(wrong), wrong)
        }
        XCTAssertFalse("\(token)".contains("horse"), "the description never shows the secret")
    }

    func testShortOrUnprintableTokensAreRefused() {
        for bad in ["short", "", "has a space in it!!", "tab\there-and-long-enough", "ünïcödé-töken-long-enough"] {
            XCTAssertThrowsError(try OperatorToken(bad), bad) { error in
                guard case .unusable = error as? OperatorToken.Failure else { return XCTFail("\(error)") }
            }
        }
    }

    func testEmptyOrUnusableTokenFileIsATypedErrorNamingTheFile() throws {
        let directory = try Fixtures.temporaryDirectory("operator-token-bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("operator-token").path
        for content in ["", "  \n", "tiny\n"] {
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try OperatorToken.loadOrCreate(in: directory)) { error in
                guard case .unreadableFile(let named, _) = error as? OperatorToken.Failure else { return XCTFail("\(error)") }
                XCTAssertEqual(named, path)
            }
        }
        try "  an-operator-chosen-token-1234\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try OperatorToken.loadOrCreate(in: directory).token.value, "an-operator-chosen-token-1234")
    }

    func testMissingDirectoryIsATypedCreateError() throws {
        let directory = try Fixtures.temporaryDirectory("operator-token-missing")
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertThrowsError(try OperatorToken.loadOrCreate(in: directory.appendingPathComponent("nowhere"))) { error in
            guard case .cannotCreateFile = error as? OperatorToken.Failure else { return XCTFail("\(error)") }
        }
    }
}
