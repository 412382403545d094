import Benchmarks
import Foundation
import Inference
import Jobs
import Media
import TestSupport
import XCTest

/// Steady video on real frames of cutBunny.mp4 and the real weights (not timed: the benchmark
/// prints the time per frame).
final class TemporalSmoothingTests: JobsTestCase {
    private var model: any StyleTransferModel { get throws { try ModelLocator(directory: Fixtures.models).load(.microast) } }

    func testSmoothingLowersFlickerOnTheStaticPartsOfRealFrames() throws {
        let results = try VideoFlicker.measure(model: try model, style: Self.styleCode, video: Fixtures.video, maxSide: 128,
                                               frameLimit: 8, smoothings: [0, JobOptions.defaultTemporalSmoothing])
        let (off, on) = (results[0].meter, results[1].meter)
        XCTAssertGreaterThan(off.staticShare, 0.3, "cutBunny's first frames are mostly static")
        XCTAssertGreaterThan(off.ratio, 1, "frame-by-frame stylization flickers more than the source changes")
        XCTAssertLessThan(on.ratio, off.ratio * 0.75, "smoothing must lower the flicker (off \(off.ratio), on \(on.ratio))")
    }

    func testZeroSmoothingIsFrameByFrameExactly() throws {
        let stylizer = ImageStylizer(model: try model)
        let decoder = try VideoDecoder(url: Fixtures.video, outputMaxSide: 96)
        let stabilizer = TemporalStabilizer(smoothing: 0)
        for _ in 0..<4 {
            let frame = try XCTUnwrap(try decoder.nextFrame()).image
            let alone = try stylizer.stylize(content: frame, styles: styles, options: StylizeOptions())
            let steadied = try stabilizer.stabilize(source: frame, stylized: try stylizer.stylize(
                frame: frame, arrangement: .uniform(styles), options: StylizeOptions(), smoother: stabilizer.smoother))
            XCTAssertNil(stabilizer.smoother)
            XCTAssertEqual(steadied, alone)
        }
    }

    func testSmoothingDoesNotHoldBackPixelsThatMove() throws {
        let stabilizer = TemporalStabilizer(smoothing: 1)
        let dark = try RGBImage(width: 8, height: 8, filledWith: .black)
        let bright = try RGBImage(width: 8, height: 8, filledWith: .white)
        _ = try stabilizer.stabilize(source: dark, stylized: dark)
        XCTAssertEqual(try stabilizer.stabilize(source: dark, stylized: bright), dark, "a static source keeps the output")
        XCTAssertEqual(try stabilizer.stabilize(source: bright, stylized: bright), bright, "a changed source takes the new output")
    }

    func testVideoJobRecordsItsSmoothing() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        var request = try videoRequest(account, maxSide: 64)
        request.options.temporalSmoothing = 0.5
        let job = try service.submit(request)
        XCTAssertEqual(job.options.temporalSmoothing, 0.5)
        XCTAssertEqual(try service.get(job.id, account: account).options.temporalSmoothing, 0.5)
    }
}
