import XCTest
import Media
import TestSupport

final class VideoRoundTripTests: TemporaryDirectoryTestCase {
    func testCutBunnyRoundTripKeepsFramesRateAndAudio() throws {
        let output = directory.appendingPathComponent("bunny-256.mp4")

        let source = try VideoProbe.probe(contentsOf: Fixtures.video)
        let decoder = try VideoDecoder(url: Fixtures.video, outputMaxSide: 256)
        let encoder = try VideoEncoder(url: output, width: decoder.outputSize.width, height: decoder.outputSize.height,
                                       frameRate: decoder.frameRate, timeBase: decoder.timeBase,
                                       audioFrom: Fixtures.video, settings: .init(preset: "ultrafast"))
        XCTAssertEqual(encoder.codecName, "libx264")
        XCTAssertEqual(encoder.audio, .copied(codec: "aac"))
        try decoder.forEachFrame { try encoder.encode($0) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "nothing under the real name before finish")
        try encoder.finish()

        let result = try VideoProbe.probe(contentsOf: output)
        XCTAssertEqual(result.container, "mov,mp4,m4a,3gp,3g2,mj2")
        XCTAssertEqual(result.videoCodec, "h264")
        XCTAssertEqual(result.width, 256)
        XCTAssertEqual(result.height, 144)
        XCTAssertEqual(result.frameCount, source.frameCount)
        XCTAssertEqual(result.framesPerSecond, source.framesPerSecond, accuracy: 0.01)
        XCTAssertEqual(result.duration, source.duration, accuracy: 0.1)
        XCTAssertEqual(result.audioCodec, "aac")

        let check = try VideoDecoder(url: output)
        XCTAssertNotNil(try check.nextFrame())
        XCTAssertEqual(check.sourcePixelFormat, "yuv420p")

        let bytes = try Data(contentsOf: output)
        let moov = try XCTUnwrap(bytes.range(of: Data("moov".utf8))?.lowerBound)
        let mdat = try XCTUnwrap(bytes.range(of: Data("mdat".utf8))?.lowerBound)
        XCTAssertLessThan(moov, mdat, "faststart puts the index first")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertEqual(leftovers, ["bunny-256.mp4"], "no temporary file is left behind")
    }

    func testRoundTripPreservesEveryFramesPictureAndRate() throws {
        let output = directory.appendingPathComponent("pattern.mp4")
        try VideoTestFootage.write(to: output, width: 64, height: 48, times: VideoTestFootage.times(count: 12, fps: 12),
                                   frameRate: VideoRational(12, 1), settings: .init(crf: 10, preset: "ultrafast"))
        let info = try VideoProbe.probe(contentsOf: output)
        XCTAssertEqual(info.frameCount, 12)
        XCTAssertEqual(info.frameRate, VideoRational(12, 1))
        XCTAssertEqual(info.duration, 1.0, accuracy: 0.1)

        let frames = try VideoTestFootage.decodeAll(output)
        XCTAssertEqual(frames.count, 12)
        for frame in frames {
            let original = try VideoTestFootage.pattern(width: 64, height: 48, index: frame.index)
            let meanError = zip(frame.image.pixels, original.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) }
                / Double(original.pixels.count)
            XCTAssertLessThan(meanError, 6, "frame \(frame.index): colours survive RGB → yuv420p → RGB")
            XCTAssertGreaterThan(TestImages.psnr(frame.image, original), 30, "frame \(frame.index)")
        }
    }

    func testShortenedVideoCutsAudioAtTheLastFrame() throws {
        let (output, encoder) = try reencodeBunnyStart(frames: 48, audio: .copyOrTranscode)
        XCTAssertEqual(encoder.audio, .copied(codec: "aac"))
        let result = try VideoProbe.probe(contentsOf: output)
        XCTAssertEqual(result.frameCount, 48)
        XCTAssertTrue(result.hasAudio)
        XCTAssertLessThan(result.duration, 2.2)
        XCTAssertEqual(try XCTUnwrap(result.audioDuration), 2.0, accuracy: 0.1)
        XCTAssertLessThan(Double(try Data(contentsOf: output).count), 2.5 * 128_000 / 8 + 60_000,
                          "about two seconds of 128 kb/s audio, not ten")
    }

    func testAudioCanBeReencodedToAAC() throws {
        let (output, encoder) = try reencodeBunnyStart(frames: 72, audio: .transcode)
        XCTAssertEqual(encoder.audio, .transcoded(from: "aac", to: "aac"))
        let result = try VideoProbe.probe(contentsOf: output)
        XCTAssertEqual(result.frameCount, 72)
        XCTAssertEqual(result.audioCodec, "aac")
        XCTAssertEqual(try XCTUnwrap(result.audioDuration), 3.0, accuracy: 0.1)
    }

    /// Re-encodes the first `frames` frames of cutBunny, 64 px wide, with its audio: what a job
    /// under a plan's frame limit does.
    private func reencodeBunnyStart(frames: Int, audio: VideoEncoder.Settings.AudioHandling) throws -> (URL, VideoEncoder) {
        let output = directory.appendingPathComponent("first-\(frames)-frames.mp4")
        let decoder = try VideoDecoder(url: Fixtures.video, outputMaxSide: 64)
        let encoder = try VideoEncoder(url: output, width: decoder.outputSize.width, height: decoder.outputSize.height,
                                       frameRate: decoder.frameRate, timeBase: decoder.timeBase, audioFrom: Fixtures.video,
                                       settings: .init(preset: "ultrafast", audio: audio))
        for _ in 0..<frames { try encoder.encode(try XCTUnwrap(decoder.nextFrame())) }
        try encoder.finish()
        return (output, encoder)
    }
}
