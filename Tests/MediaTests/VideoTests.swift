import Foundation
import Media
import TestSupport
import XCTest

final class VideoTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        LibavLogLevel.error.apply()
        directory = try Fixtures.temporaryDirectory("media-video")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testProbeReadsTheSharedClip() throws {
        let info = try VideoProbe.probe(contentsOf: Fixtures.video)
        XCTAssertEqual(info.container, "mp4")
        XCTAssertEqual(info.codec, "h264")
        XCTAssertGreaterThan(info.width, 0)
        XCTAssertGreaterThan(info.height, 0)
        XCTAssertGreaterThan(info.frameCount, 0)
        XCTAssertGreaterThan(info.duration, 0)
        XCTAssertEqual(Double(info.frameCount) / info.frameRate, info.duration, accuracy: 0.2)
    }

    func testReaderDecodesEveryFrameAtTheProbedSize() throws {
        let reader = try VideoReader(contentsOf: Fixtures.video)
        var count = 0
        while let frame = try reader.nextFrame() {
            XCTAssertEqual(frame.width, reader.info.displayWidth)
            XCTAssertEqual(frame.height, reader.info.displayHeight)
            count += 1
        }
        XCTAssertEqual(count, reader.info.frameCount)
        XCTAssertNil(try reader.nextFrame())
    }

    func testReaderShrinksFramesToMaxSide() throws {
        let reader = try VideoReader(contentsOf: Fixtures.video, maxSide: 128)
        let frame = try XCTUnwrap(reader.nextFrame())
        XCTAssertEqual(max(frame.width, frame.height), 128)
        XCTAssertEqual(frame.width, reader.frameWidth)
        XCTAssertEqual(frame.height, reader.frameHeight)
    }

    func testWrittenVideoReadsBackWithTheSameFrames() throws {
        let url = directory.appendingPathComponent("out.mp4")
        let frames = try (0..<12).map { index -> RGBImage in
            var image = try TestImages.gradient(width: 96, height: 64)
            for y in 10..<30 { for x in (index * 4)..<(index * 4 + 20) { image.setPixel(x: x, y: y, to: .white) } }
            return image
        }
        let writer = try VideoWriter(url: url, width: 96, height: 64, options: VideoEncodingOptions(frameRate: 12, constantRateFactor: 10))
        for frame in frames { try writer.append(frame) }
        try writer.finish()
        XCTAssertEqual(writer.framesWritten, 12)

        let info = try VideoProbe.probe(contentsOf: url)
        XCTAssertEqual(info.codec, "h264")
        XCTAssertEqual(info.width, 96)
        XCTAssertEqual(info.height, 64)
        XCTAssertEqual(info.frameCount, 12)
        XCTAssertEqual(info.frameRate, 12, accuracy: 0.01)
        XCTAssertEqual(info.duration, 1.0, accuracy: 0.1)
        let reader = try VideoReader(contentsOf: url)
        var index = 0
        while let frame = try reader.nextFrame() {
            XCTAssertGreaterThan(TestImages.psnr(frame, frames[index]), 30, "frame \(index)")
            index += 1
        }
        XCTAssertEqual(index, 12)
    }

    func testOddFrameSizesAreCroppedToEven() throws {
        let url = directory.appendingPathComponent("odd.mp4")
        let writer = try VideoWriter(url: url, width: 33, height: 21, options: VideoEncodingOptions(frameRate: 5))
        XCTAssertEqual(writer.width, 32)
        XCTAssertEqual(writer.height, 20)
        try writer.append(TestImages.gradient(width: 33, height: 21))
        try writer.finish()
        let frame = try XCTUnwrap(VideoReader(contentsOf: url).nextFrame())
        XCTAssertEqual(frame.width, 32)
        XCTAssertEqual(frame.height, 20)
    }

    func testWriterRejectsFramesOfAnotherSize() throws {
        let writer = try VideoWriter(url: directory.appendingPathComponent("x.mp4"), width: 32, height: 32, options: VideoEncodingOptions(frameRate: 5))
        assertMediaError(try writer.append(TestImages.gradient(width: 16, height: 16))) { $0 == .invalidDimensions(width: 16, height: 16) }
    }

    func testRotatedVideoFramesComeOutUpright() throws {
        let url = directory.appendingPathComponent("rotated.mp4")
        let marked = try TestImages.markedCorner(width: 64, height: 32, mark: 12)
        let writer = try VideoWriter(url: url, width: 64, height: 32, options: VideoEncodingOptions(frameRate: 5, constantRateFactor: 10))
        try writer.append(marked)
        try writer.finish()
        try MP4Surgery.setRotation90(in: url)
        let info = try VideoProbe.probe(contentsOf: url)
        XCTAssertEqual(info.rotation, 90)
        XCTAssertEqual(info.displayWidth, 32)
        let frame = try XCTUnwrap(VideoReader(contentsOf: url).nextFrame())
        XCTAssertEqual(frame.width, 32)
        XCTAssertEqual(frame.height, 64)
        TestImages.assertClose(frame.pixel(x: 28, y: 3), RGB(red: 255, green: 0, blue: 0))
    }

    func testTruncatedVideoIsCorrupt() throws {
        let data = try Data(contentsOf: Fixtures.video)
        let url = directory.appendingPathComponent("half.mp4")
        try data.prefix(data.count / 2).write(to: url)
        assertMediaError(try Self.decodeAll(url)) {
            if case .corruptVideo = $0 { true } else { false }
        }
    }

    func testStreamableVideoCutShortIsCorrupt() throws {
        let url = directory.appendingPathComponent("full.mp4")
        let writer = try VideoWriter(url: url, width: 64, height: 48, options: VideoEncodingOptions(frameRate: 10, constantRateFactor: 5))
        for index in 0..<30 { try writer.append(TestImages.markedCorner(width: 64, height: 48, mark: index + 1)) }
        try writer.finish()
        let data = try Data(contentsOf: url)
        let cut = directory.appendingPathComponent("cut.mp4")
        try data.prefix(data.count * 6 / 10).write(to: cut)  // index first (faststart), so it opens
        assertMediaError(try VideoProbe.probe(contentsOf: cut)) {
            if case .corruptVideo = $0 { true } else { false }
        }
    }

    func testBadVideoInputsGetTypedErrors() throws {
        let empty = directory.appendingPathComponent("empty.mp4")
        try Data().write(to: empty)
        assertMediaError(try VideoProbe.probe(contentsOf: empty)) { $0 == .empty }

        let random = directory.appendingPathComponent("random.mp4")
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255) }).write(to: random)
        assertMediaError(try VideoProbe.probe(contentsOf: random)) { $0 == .notAVideo }

        let image = directory.appendingPathComponent("image.mp4")
        try Data(contentsOf: Fixtures.contentImages.appendingPathComponent("lenna.jpg")).write(to: image)
        assertMediaError(try VideoProbe.probe(contentsOf: image)) { $0 == .notAVideo }

        assertMediaError(try VideoProbe.probe(contentsOf: directory.appendingPathComponent("missing.mp4"))) {
            if case .unreadableFile = $0 { true } else { false }
        }
    }

    func testVideoOverTheFrameLimitIsRefusedBeforeDecoding() throws {
        let info = try VideoProbe.probe(contentsOf: Fixtures.video)
        let tight = DecodeLimits(maxPixels: info.width * info.height - 1, maxSide: 16_384)
        assertMediaError(try VideoReader(contentsOf: Fixtures.video, limits: tight)) {
            $0 == .tooManyPixels(width: info.width, height: info.height, limit: tight.maxPixels)
        }
    }

    private static func decodeAll(_ url: URL) throws -> Int {
        let reader = try VideoReader(contentsOf: url)
        var count = 0
        while try reader.nextFrame() != nil { count += 1 }
        return count
    }

    func testMediaProbeTellsImagesFromVideos() throws {
        guard case .video(let video) = try MediaProbe.probe(contentsOf: Fixtures.video) else { return XCTFail("not a video") }
        XCTAssertEqual(video.codec, "h264")
        let jpeg = Fixtures.contentImages.appendingPathComponent("lenna.jpg")
        XCTAssertEqual(try MediaProbe.probe(contentsOf: jpeg), .image(ImageInfo(format: .jpeg, width: 640, height: 640)))
        XCTAssertEqual(try MediaProbe.probe(contentsOf: jpeg).frameCount, 1)
        let text = directory.appendingPathComponent("notes.txt")
        try Data("hello, this is not media".utf8).write(to: text)
        assertMediaError(try MediaProbe.probe(contentsOf: text)) { $0 == .unknownFormat }
    }
}
