import XCTest
import Inference
import TestSupport

final class InferenceSmokeTests: XCTestCase {
    func testSharedFixturesArePresent() {
        XCTAssertTrue(FileManager.default.fileExists(atPath: Fixtures.models.path))
    }
}
