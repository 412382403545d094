import XCTest
import Media
import TestSupport

final class VideoEncoderTests: TemporaryDirectoryTestCase {
    private func frame(_ width: Int, _ height: Int, time: Double, index: Int = 0) throws -> VideoFrame {
        try VideoTestFootage.frame(width: width, height: height, time: time, index: index)
    }

    private func directoryContents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
    }

    func testUnusableFramesAreRefusedAndTheEncoderStaysUsable() throws {
        let url = directory.appendingPathComponent("out.mp4")
        let encoder = try VideoEncoder(url: url, width: 32, height: 32, frameRate: VideoRational(25, 1))
        try encoder.encode(try frame(32, 32, time: 0))
        XCTAssertThrowsError(try encoder.encode(try frame(34, 32, time: 0.04))) { error in
            XCTAssertEqual(error as? VideoError, .frameSizeMismatch(expected: VideoFrameSize(width: 32, height: 32),
                                                                    got: VideoFrameSize(width: 34, height: 32)))
        }
        XCTAssertThrowsError(try encoder.encode(try frame(32, 32, time: 0))) { error in
            XCTAssertEqual(error as? VideoError, .nonIncreasingTimestamp(previous: 0, got: 0))
        }
        try encoder.encode(try frame(32, 32, time: 0.04, index: 1))
        try encoder.finish()
        XCTAssertEqual(encoder.framesEncoded, 2)
        XCTAssertEqual(try VideoProbe.probe(contentsOf: url).frameCount, 2)
        XCTAssertThrowsError(try encoder.encode(try frame(32, 32, time: 1))) { error in
            XCTAssertEqual(error as? VideoError, .encoderClosed)
        }
    }

    func testOddSizeIsRefusedForYUV420() {
        XCTAssertThrowsError(try VideoEncoder(url: directory.appendingPathComponent("odd.mp4"), width: 33, height: 32,
                                              frameRate: VideoRational(25, 1))) { error in
            guard case .invalidParameter = error as? VideoError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try VideoEncoder(url: directory.appendingPathComponent("rate.mp4"), width: 32, height: 32,
                                              frameRate: VideoRational(0, 1))) { error in
            guard case .invalidParameter = error as? VideoError else { return XCTFail("\(error)") }
        }
    }

    func testCancelledEncodingLeavesNoFile() throws {
        let url = directory.appendingPathComponent("cancelled.mp4")
        let encoder = try VideoEncoder(url: url, width: 32, height: 32, frameRate: VideoRational(25, 1))
        try encoder.encode(try frame(32, 32, time: 0))
        XCTAssertEqual(try directoryContents().count, 1, "work in progress is a hidden temporary file")
        encoder.cancel()
        XCTAssertEqual(try directoryContents(), [])
        XCTAssertThrowsError(try encoder.finish()) { XCTAssertEqual($0 as? VideoError, .encoderClosed) }
    }

    func testAbandonedEncoderLeavesNoFile() throws {
        let url = directory.appendingPathComponent("abandoned.mp4")
        do {
            let encoder = try VideoEncoder(url: url, width: 32, height: 32, frameRate: VideoRational(25, 1))
            try encoder.encode(try frame(32, 32, time: 0))
        }
        XCTAssertEqual(try directoryContents(), [])
    }

    func testFinishingWithoutFramesFailsWithoutAFile() throws {
        let url = directory.appendingPathComponent("empty.mp4")
        let encoder = try VideoEncoder(url: url, width: 32, height: 32, frameRate: VideoRational(25, 1))
        XCTAssertThrowsError(try encoder.finish()) { error in
            guard case .invalidParameter = error as? VideoError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try directoryContents(), [])
    }

    func testUnwritableDestinationIsATypedError() {
        let url = directory.appendingPathComponent("no-such-folder/out.mp4")
        XCTAssertThrowsError(try VideoEncoder(url: url, width: 32, height: 32, frameRate: VideoRational(25, 1))) { error in
            guard case .libav = error as? VideoError else { return XCTFail("\(error)") }
        }
    }

    func testBadAudioSourceIsATypedError() throws {
        let noise = directory.appendingPathComponent("noise.bin")
        try Data(repeating: 0x5A, count: 1000).write(to: noise)
        XCTAssertThrowsError(try VideoEncoder(url: directory.appendingPathComponent("out.mp4"), width: 32, height: 32,
                                              frameRate: VideoRational(25, 1), audioFrom: noise)) { error in
            XCTAssertEqual(error as? VideoError, .unrecognizedFormat)
        }
        XCTAssertEqual(try directoryContents(), ["noise.bin"])
    }
}
