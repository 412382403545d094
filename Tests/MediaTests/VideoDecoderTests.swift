import XCTest
import Media
import TestSupport

final class VideoDecoderTests: XCTestCase {
    func testDecodingCutBunnyYieldsTheProbedFrameCount() throws {
        let info = try VideoProbe.probe(contentsOf: Fixtures.video)
        let decoder = try VideoDecoder(url: Fixtures.video)
        XCTAssertEqual(decoder.outputSize, VideoFrameSize(width: 640, height: 360))
        var count = 0
        var previousTime = -Double.infinity
        var first: VideoFrame?
        while let frame = try decoder.nextFrame() {
            XCTAssertEqual(frame.index, count)
            XCTAssertGreaterThan(frame.time, previousTime)
            previousTime = frame.time
            if first == nil { first = frame }
            count += 1
        }
        XCTAssertEqual(count, info.frameCount)
        XCTAssertNil(try decoder.nextFrame(), "the end stays the end")
        XCTAssertEqual(previousTime, 239.0 / 24, accuracy: 0.001)
        XCTAssertEqual(decoder.sourcePixelFormat, "yuv420p")

        let frame = try XCTUnwrap(first)
        XCTAssertEqual(frame.time, 0, accuracy: 0.001)
        XCTAssertEqual(frame.size, VideoFrameSize(width: 640, height: 360))
        XCTAssertGreaterThan(Self.standardDeviation(frame.image.pixels), 20, "the first frame shows a picture, not a flat colour")
    }

    func testDecoderFitsTheLongSideWithEvenDimensions() throws {
        let decoder = try VideoDecoder(url: Fixtures.video, outputMaxSide: 255)
        let frame = try XCTUnwrap(decoder.nextFrame())
        XCTAssertEqual(frame.size, VideoFrameSize(width: 254, height: 142))
        XCTAssertEqual(frame.size, decoder.outputSize)
    }

    func testDecoderNeverUpscales() throws {
        let decoder = try VideoDecoder(url: Fixtures.video, outputMaxSide: 4096)
        XCTAssertEqual(decoder.outputSize, VideoFrameSize(width: 640, height: 360))
    }

    func testDecoderRefusesAnAbsurdMaxSide() {
        XCTAssertThrowsError(try VideoDecoder(url: Fixtures.video, outputMaxSide: 0)) { error in
            guard case .invalidParameter = error as? VideoError else { return XCTFail("\(error)") }
        }
    }

    static func standardDeviation(_ bytes: [UInt8]) -> Double {
        let mean = bytes.reduce(0.0) { $0 + Double($1) } / Double(bytes.count)
        let variance = bytes.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(bytes.count)
        return variance.squareRoot()
    }
}
