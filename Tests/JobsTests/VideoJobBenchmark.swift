import Benchmarks
import Foundation
import Inference
import Jobs
import TestSupport
import Media
import XCTest

/// Prints the video job's frame rate against bare inference (the target: ≥ 90 %). A
/// benchmark, not a test: it asserts nothing about speed and runs only with STYLIFY_BENCH=1.
final class VideoJobBenchmark: XCTestCase {
    func testPrintVideoJobThroughputAgainstBareInference() throws {
        guard ProcessInfo.processInfo.environment["STYLIFY_BENCH"] == "1" else {
            throw XCTSkip("set STYLIFY_BENCH=1 to run the video job benchmark")
        }
        let scratch = try Fixtures.temporaryDirectory("bench")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = try ModelLocator(directory: Fixtures.models).load(.microast)
        let style = try ImageStylizer(model: model).styleCode(
            for: try Media.ImageDecoder.decode(contentsOf: Fixtures.styleImages.appendingPathComponent("la_muse.jpg")))
        let sides = (ProcessInfo.processInfo.environment["STYLIFY_BENCH_SIDES"] ?? "256,384")
            .split(separator: ",").compactMap { Int($0) }
        for side in sides {
            let result = try VideoJobThroughput.measure(model: model, style: style, video: Fixtures.video, maxSide: side, scratch: scratch, repetitions: 2)
            print("video job throughput (\(ComputeContext().threads) threads): \(result)")
            XCTAssertGreaterThan(result.frames, 0)
        }
    }
}
