import XCTest
import Storage
import TestSupport

final class StorageSmokeTests: XCTestCase {
    func testSharedFixturesArePresent() {
        XCTAssertTrue(FileManager.default.fileExists(atPath: Fixtures.models.path))
    }
}
