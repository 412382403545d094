import XCTest
import API
import TestSupport

final class APISmokeTests: XCTestCase {
    func testSharedFixturesArePresent() {
        XCTAssertTrue(FileManager.default.fileExists(atPath: Fixtures.models.path))
    }
}
