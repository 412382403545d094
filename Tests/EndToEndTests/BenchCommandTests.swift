import Foundation
import TestSupport
import XCTest

/// The `stylify bench …` commands print one JSON line a script can read; here the cheap one.
final class BenchCommandTests: XCTestCase {
    func testBenchCodecsPrintsDecodeAndEncodeRatesOfTheWholeVideo() throws {
        let outcome = try StylifyProcess.run(["bench", "codecs", "--video", Fixtures.video.path, "--max-side", "128"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let line = try XCTUnwrap(outcome.stdout.split(separator: "\n").last)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(json["video"] as? String, Fixtures.video.lastPathComponent)
        XCTAssertGreaterThan(json["frames"] as? Int ?? 0, 0)
        XCTAssertLessThanOrEqual(max(json["width"] as? Int ?? 0, json["height"] as? Int ?? 0), 128)
        XCTAssertGreaterThan(json["decode_fps"] as? Double ?? 0, 0)
        XCTAssertGreaterThan(json["encode_fps"] as? Double ?? 0, 0)
        XCTAssertEqual(json["codec_threads"] as? Int, 1)
    }

    func testBenchCodecsRefusesAMissingVideoWithNoInput() throws {
        let outcome = try StylifyProcess.run(["bench", "codecs", "--video", "/nonexistent/clip.mp4"])
        XCTAssertEqual(outcome.status, 66, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("stylify bench codecs: no file at /nonexistent/clip.mp4"), outcome.stderr)
    }
}
