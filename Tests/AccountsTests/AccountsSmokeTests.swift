import XCTest
import Accounts
import TestSupport

final class AccountsSmokeTests: XCTestCase {
    func testSharedFixturesArePresent() {
        XCTAssertTrue(FileManager.default.fileExists(atPath: Fixtures.models.path))
    }
}
