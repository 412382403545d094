import XCTest
import Media
import TestSupport

final class VideoProbeTests: XCTestCase {
    func testProbeReadsCutBunnyHeaders() throws {
        let info = try VideoProbe.probe(contentsOf: Fixtures.video)
        XCTAssertEqual(info.container, "mov,mp4,m4a,3gp,3g2,mj2")
        XCTAssertEqual(info.videoCodec, "h264")
        XCTAssertEqual(info.width, 640)
        XCTAssertEqual(info.height, 360)
        XCTAssertEqual(info.rotation, 0)
        XCTAssertEqual(info.frameRate, VideoRational(24, 1))
        XCTAssertEqual(info.frameCount, 240)
        XCTAssertEqual(info.frameCountSource, .containerIndex)
        XCTAssertEqual(info.duration, 10.0, accuracy: 0.05)
        XCTAssertEqual(info.audioCodec, "aac")
        XCTAssertTrue(info.hasAudio)
        XCTAssertEqual(Double(info.bitRate ?? 0), 420_000, accuracy: 20_000)
    }

    func testProbeAndDecoderRefuseFramesOverThePixelLimitBeforeDecoding() {
        let tooLarge = VideoError.tooLarge(width: 640, height: 360, maxPixels: 640 * 360 - 1)
        XCTAssertThrowsError(try VideoProbe.probe(contentsOf: Fixtures.video, maxPixels: 640 * 360 - 1)) { error in
            XCTAssertEqual(error as? VideoError, tooLarge)
        }
        XCTAssertThrowsError(try VideoDecoder(url: Fixtures.video, maxPixels: 640 * 360 - 1)) { error in
            XCTAssertEqual(error as? VideoError, tooLarge)
        }
        XCTAssertNoThrow(try VideoProbe.probe(contentsOf: Fixtures.video, maxPixels: 640 * 360))
        XCTAssertNoThrow(try VideoDecoder(url: Fixtures.video, maxPixels: 640 * 360))
    }

    func testOutputSizeForAPlanIsKnownAtProbeTime() throws {
        let info = try VideoProbe.probe(contentsOf: Fixtures.video)
        XCTAssertEqual(info.outputSize(maxSide: 512), VideoFrameSize(width: 512, height: 288))
        XCTAssertEqual(info.outputSize(maxSide: 1280), VideoFrameSize(width: 640, height: 360))
    }
}
