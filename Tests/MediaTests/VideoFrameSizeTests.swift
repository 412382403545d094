import XCTest
import Media

final class VideoFrameSizeTests: XCTestCase {
    func testOddSizesRoundDownToEvenWithoutUpscaling() {
        XCTAssertEqual(VideoFrameSize.fitting(width: 161, height: 97, maxSide: nil), VideoFrameSize(width: 160, height: 96))
        XCTAssertEqual(VideoFrameSize.fitting(width: 97, height: 161, maxSide: 4096), VideoFrameSize(width: 96, height: 160))
    }

    func testFittingKeepsAspectWithEvenSides() {
        XCTAssertEqual(VideoFrameSize.fitting(width: 640, height: 360, maxSide: 256), VideoFrameSize(width: 256, height: 144))
        XCTAssertEqual(VideoFrameSize.fitting(width: 1080, height: 1920, maxSide: 512), VideoFrameSize(width: 288, height: 512))
        let odd = VideoFrameSize.fitting(width: 640, height: 360, maxSide: 255)
        XCTAssertEqual(odd, VideoFrameSize(width: 254, height: 142))
    }

    func testExtremeAspectRatiosKeepAtLeastTwoPixels() {
        XCTAssertEqual(VideoFrameSize.fitting(width: 4000, height: 3, maxSide: 100), VideoFrameSize(width: 100, height: 2))
    }
}
