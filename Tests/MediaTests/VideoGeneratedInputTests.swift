import XCTest
import Media
import TestSupport

final class VideoGeneratedInputTests: TemporaryDirectoryTestCase {
    func testOddSourceSizeDecodesToEvenFrames() throws {
        let url = directory.appendingPathComponent("odd.mp4")
        // 4:4:4 is the one H.264 layout that allows odd sizes, so we can make such a source.
        try VideoTestFootage.write(to: url, width: 161, height: 97, times: VideoTestFootage.times(count: 3),
                                   settings: .init(preset: "ultrafast", chroma: .yuv444))
        let info = try VideoProbe.probe(contentsOf: url)
        XCTAssertEqual(info.width, 161)
        XCTAssertEqual(info.height, 97)

        let full = try VideoTestFootage.decodeAll(url)
        XCTAssertEqual(full.count, 3)
        XCTAssertEqual(full.map(\.size), Array(repeating: VideoFrameSize(width: 160, height: 96), count: 3))
        let fitted = try VideoTestFootage.decodeAll(url, maxSide: 81)
        XCTAssertEqual(fitted.first?.size, VideoFrameSize(width: 80, height: 48))
    }

    func testDisplayRotationTurnsFramesUpright() throws {
        // The red quadrant sits top-left in the coded picture; a player turning it clockwise by
        // 90 shows it top-right, by 180 bottom-right, by 270 bottom-left.
        let expectedRedCorner = [90: (x: 28, y: 0), 180: (x: 60, y: 28), 270: (x: 0, y: 60)]
        for (rotation, corner) in expectedRedCorner {
            let url = directory.appendingPathComponent("rotated-\(rotation).mp4")
            try VideoTestFootage.write(to: url, width: 64, height: 32, times: VideoTestFootage.times(count: 2),
                                       settings: .init(preset: "ultrafast", rotation: rotation))
            let info = try VideoProbe.probe(contentsOf: url)
            XCTAssertEqual(info.rotation, rotation)
            XCTAssertEqual(info.width, 64)
            let upright = rotation == 180 ? (64, 32) : (32, 64)
            XCTAssertEqual(info.displayWidth, upright.0)
            XCTAssertEqual(info.displayHeight, upright.1)

            let frame = try XCTUnwrap(try VideoTestFootage.decodeAll(url).first).image
            guard frame.width == upright.0, frame.height == upright.1 else {
                XCTFail("rotation \(rotation): frame is \(frame.width)x\(frame.height)")
                continue
            }
            let colour = VideoTestFootage.meanColour(frame, x: corner.x, y: corner.y)
            XCTAssertGreaterThan(colour.red, 200, "rotation \(rotation): red corner at \(corner)")
            XCTAssertLessThan(colour.green, 60, "rotation \(rotation)")

            // Fitting applies to the upright picture.
            let small = try XCTUnwrap(try VideoTestFootage.decodeAll(url, maxSide: 16).first)
            XCTAssertEqual(small.size, rotation == 180 ? VideoFrameSize(width: 16, height: 8) : VideoFrameSize(width: 8, height: 16),
                           "rotation \(rotation)")
        }
    }

    func testVideoWithoutAudioStaysSilent() throws {
        let silent = directory.appendingPathComponent("silent.mp4")
        XCTAssertEqual(try VideoTestFootage.write(to: silent, width: 32, height: 32, times: VideoTestFootage.times(count: 3)),
                       .notRequested)
        XCTAssertFalse(try VideoProbe.probe(contentsOf: silent).hasAudio)

        let copy = directory.appendingPathComponent("copy.mp4")
        let outcome = try VideoTestFootage.write(to: copy, width: 32, height: 32,
                                                 times: VideoTestFootage.times(count: 3), audioFrom: silent)
        XCTAssertEqual(outcome, .sourceHasNoAudio)
        XCTAssertNil(try VideoProbe.probe(contentsOf: copy).audioCodec)
    }

    func testVariableFrameRateTimestampsSurviveRoundTrip() throws {
        let times = [0, 0.040, 0.100, 0.130, 0.300, 0.310, 0.500, 0.533]
        let source = directory.appendingPathComponent("vfr.mp4")
        try VideoTestFootage.write(to: source, width: 32, height: 32, times: times, frameRate: VideoRational(15, 1),
                                   timeBase: VideoRational(1, 1000))
        let decoded = try VideoTestFootage.decodeAll(source)
        XCTAssertEqual(decoded.count, times.count)
        for (frame, time) in zip(decoded, times) { XCTAssertEqual(frame.time, time, accuracy: 0.0015) }

        // Decode → encode with the decoder's time base, as the job pipeline does.
        let copy = directory.appendingPathComponent("vfr-copy.mp4")
        let decoder = try VideoDecoder(url: source)
        let encoder = try VideoEncoder(url: copy, width: 32, height: 32, frameRate: decoder.frameRate,
                                       timeBase: decoder.timeBase, settings: .init(preset: "ultrafast"))
        try decoder.forEachFrame { try encoder.encode($0) }
        try encoder.finish()
        let copied = try VideoTestFootage.decodeAll(copy)
        XCTAssertEqual(copied.count, times.count)
        for (frame, time) in zip(copied, times) { XCTAssertEqual(frame.time, time, accuracy: 0.0015) }
    }

    func testDecoderAndEncoderWorkOnSeparateThreads() throws {
        let source = directory.appendingPathComponent("threads-source.mp4")
        try VideoTestFootage.write(to: source, width: 48, height: 32, times: VideoTestFootage.times(count: 20))
        let output = directory.appendingPathComponent("threads-output.mp4")
        let decoder = try VideoDecoder(url: source)
        let encoder = try VideoEncoder(url: output, width: 48, height: 32, frameRate: decoder.frameRate,
                                       timeBase: decoder.timeBase, settings: .init(preset: "ultrafast"))
        let handoff = AsyncStream.makeStream(of: VideoFrame.self, bufferingPolicy: .unbounded)
        let finished = expectation(description: "pipeline finished")
        Thread.detachNewThread {
            // Producer thread: pulls frames.
            while let frame = try? decoder.nextFrame() { handoff.continuation.yield(frame) }
            handoff.continuation.finish()
        }
        Task.detached {
            // Consumer: pushes frames on another thread.
            for await frame in handoff.stream { try? encoder.encode(frame) }
            try? encoder.finish()
            finished.fulfill()
        }
        wait(for: [finished], timeout: 30)
        XCTAssertEqual(try VideoProbe.probe(contentsOf: output).frameCount, 20)
    }

    func testMatroskaFrameCountComesFromCountingPackets() throws {
        let mkv = directory.appendingPathComponent("clip.mkv")
        let outcome = try VideoTestFootage.write(to: mkv, width: 48, height: 32, times: VideoTestFootage.times(count: 13),
                                                 audioFrom: Fixtures.video,
                                                 settings: .init(preset: "ultrafast", container: .matroska))
        XCTAssertEqual(outcome, .copied(codec: "aac"))
        let info = try VideoProbe.probe(contentsOf: mkv)
        XCTAssertEqual(info.container, "matroska,webm")
        XCTAssertEqual(info.frameCount, 13)
        XCTAssertEqual(info.frameCountSource, .packetCount)
        XCTAssertEqual(info.framesPerSecond, 25, accuracy: 0.01)
        XCTAssertEqual(info.duration, 0.56, accuracy: 0.05)
        XCTAssertEqual(info.audioCodec, "aac")

        let estimate = try VideoProbe.probe(contentsOf: mkv, countPackets: false)
        XCTAssertEqual(estimate.frameCountSource, .estimate)
        XCTAssertEqual(Double(estimate.frameCount), 13, accuracy: 2)

        XCTAssertEqual(try VideoTestFootage.decodeAll(mkv).count, 13)

        // Matroska in, MP4 out, audio copied across containers.
        let mp4 = directory.appendingPathComponent("from-mkv.mp4")
        XCTAssertEqual(try VideoTestFootage.write(to: mp4, width: 48, height: 32, times: VideoTestFootage.times(count: 13),
                                                  audioFrom: mkv), .copied(codec: "aac"))
        XCTAssertEqual(try VideoProbe.probe(contentsOf: mp4).audioCodec, "aac")
    }
}
