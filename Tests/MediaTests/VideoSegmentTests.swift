import Foundation
import Media
import TestSupport
import XCTest

/// Cutting a video at keyframes, decoding each piece alone, and joining separately encoded
/// pieces again (what a video spread over several workers goes through), on cutBunny's frames
/// re-encoded with a keyframe every 24 frames, with its AAC audio.
final class VideoSegmentTests: TemporaryDirectoryTestCase {
    private var source: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        source = directory.appendingPathComponent("keyframed.mp4")
        try KeyframedVideo.write(to: source, maxSide: 96)
    }

    func testThePlanCutsAtKeyframesAndCoversEveryFrameOnce() throws {
        let segments = try VideoSegmentPlan.segments(of: source, targetFrames: 50)
        XCTAssertEqual(segments.map(\.frames), [72, 72, 96], "cuts at the first keyframe after each 50 frames; the tail joins the last")
        XCTAssertNil(segments.first?.range.start)
        XCTAssertNil(segments.last?.range.end)
        for (piece, next) in zip(segments, segments.dropFirst()) {
            XCTAssertEqual(piece.range.end, next.range.start, "pieces are contiguous")
        }
        XCTAssertEqual(try VideoSegmentPlan.segments(of: source, targetFrames: 121).count, 1, "shorter than two pieces: whole")
        XCTAssertEqual(try VideoSegmentPlan.segments(of: source, targetFrames: 0).count, 1)
        XCTAssertEqual(try VideoSegmentPlan.segments(of: Fixtures.video, targetFrames: 50).count, 1,
                       "cutBunny itself has keyframes at frames 0 and 235 only")
    }

    func testDecodingEachPieceAloneGivesTheFramesOfTheWholeDecode() throws {
        let whole = try VideoTestFootage.decodeAll(source)
        var pieces: [VideoFrame] = []
        for segment in try VideoSegmentPlan.segments(of: source, targetFrames: 50) {
            let decoder = try VideoDecoder(url: source, range: segment.range)
            var frames: [VideoFrame] = []
            try decoder.forEachFrame { frames.append($0) }
            XCTAssertEqual(frames.count, segment.frames)
            pieces += frames
        }
        XCTAssertEqual(pieces.map(\.time), whole.map(\.time))
        XCTAssertEqual(pieces.map(\.image.pixels), whole.map(\.image.pixels), "decoding from a keyframe is exact")
    }

    func testJoinedPiecesHoldEveryFrameOnceInOrderWithTheAudio() throws {
        let segments = try VideoSegmentPlan.segments(of: source, targetFrames: 50)
        let pieceFiles = try segments.indices.map { try piece($0, of: segments) }
        let joined = directory.appendingPathComponent("joined.mp4")
        let joiner = try VideoSegmentJoiner(url: joined, audioFrom: source)
        for file in pieceFiles { try joiner.append(file) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: joined.path), "nothing under the real name before finish")
        try joiner.finish()
        XCTAssertEqual(joiner.frames, 240)
        XCTAssertEqual(joiner.audio, .copied(codec: "aac"))

        let info = try VideoProbe.probe(contentsOf: joined)
        XCTAssertEqual(info.frameCount, 240)
        XCTAssertEqual(info.framesPerSecond, 24, accuracy: 0.01)
        XCTAssertEqual(info.duration, 10, accuracy: 0.1)
        XCTAssertEqual(info.audioCodec, "aac")
        let frames = try VideoTestFootage.decodeAll(joined)
        let original = try VideoTestFootage.decodeAll(source)
        XCTAssertEqual(frames.map(\.time), original.map(\.time), "every frame once, at its source time")
        for (mine, theirs) in zip(frames, original) where mine.index % 40 == 0 {
            XCTAssertGreaterThan(TestImages.psnr(mine.image, theirs.image), 30, "frame \(mine.index)")
        }
    }

    func testPiecesOutOfOrderOrOfAnotherSizeAreRefusedAndLeaveNoFile() throws {
        let segments = try VideoSegmentPlan.segments(of: source, targetFrames: 50)
        let backwards = try VideoSegmentJoiner(url: directory.appendingPathComponent("backwards.mp4"), audioFrom: nil)
        try backwards.append(try piece(1, of: segments))
        XCTAssertThrowsError(try backwards.append(try piece(0, of: segments))) { error in
            XCTAssertTrue("\(error)".contains("out of order"), "\(error)")
        }
        XCTAssertThrowsError(try backwards.finish())

        let resized = try VideoSegmentJoiner(url: directory.appendingPathComponent("resized.mp4"), audioFrom: nil)
        try resized.append(try piece(0, of: segments))
        XCTAssertThrowsError(try resized.append(try piece(1, of: segments, maxSide: 64)))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertFalse(names.contains { $0.contains("backwards") || $0.contains("resized") }, "\(names)")
    }

    /// Piece `index` rendered as a worker does: its frames only, no audio, no B-frames.
    private func piece(_ index: Int, of segments: [VideoSegmentPlan.Segment], maxSide: Int? = nil) throws -> URL {
        let decoder = try VideoDecoder(url: source, outputMaxSide: maxSide, range: segments[index].range)
        let file = directory.appendingPathComponent("piece\(index)-\(maxSide ?? 0).mp4")
        let encoder = try VideoEncoder(url: file, width: decoder.outputSize.width, height: decoder.outputSize.height,
                                       frameRate: decoder.frameRate, timeBase: decoder.timeBase,
                                       settings: .init(preset: "ultrafast", reordersFrames: false))
        try decoder.forEachFrame { try encoder.encode($0) }
        try encoder.finish()
        return file
    }
}
