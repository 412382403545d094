import Foundation
import Jobs
import TestSupport
import XCTest

/// `JobMetrics.inference`: the seconds and megapixels behind `/metrics`' inference counters.
final class InferenceTotalsTests: JobsTestCase {
    func testInferenceTotalsAddUpTheRenderedPixelsAndTheJobsInferenceTime() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        XCTAssertNil(try service.metrics().inference[.microast], "nothing rendered yet")
        service.start()
        let jobs = try (0..<2).map { _ in try finished(service, try service.submit(imageRequest(account, maxSide: 128))) }

        let totals = try XCTUnwrap(try service.metrics().inference[.microast])
        let pixels = jobs.reduce(0.0) { sum, job in
            sum + Double((job.result?.width ?? 0) * (job.result?.height ?? 0))
        }
        XCTAssertGreaterThan(pixels, 0)
        XCTAssertEqual(totals.megapixels, pixels / 1e6, accuracy: 1e-9)
        let inferenceMilliseconds = jobs.reduce(0.0) { $0 + Double($1.timings.inferenceMilliseconds ?? 0) }
        XCTAssertEqual(totals.seconds, inferenceMilliseconds / 1000, accuracy: 0.002 * Double(jobs.count))
        XCTAssertEqual(try XCTUnwrap(totals.secondsPerMegapixel), totals.seconds / totals.megapixels, accuracy: 1e-12)
        XCTAssertNil(try service.metrics().inference[.adain])
    }
}
