import XCTest
import Media
import TestSupport

final class MediaSmokeTests: XCTestCase {
    func testSharedFixturesArePresent() {
        XCTAssertTrue(FileManager.default.fileExists(atPath: Fixtures.models.path))
    }
}
