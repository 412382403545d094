import Foundation
import Jobs
import TestSupport
import XCTest

final class MetricsTests: JobsTestCase {
    func testMetricsCountQueueDepthStatesLatencyAndInferenceSpeed() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        let empty = try service.metrics()
        XCTAssertNil(empty.meanLatencyMilliseconds)
        XCTAssertEqual(empty.queueDepth, 0)

        let jobs = try (0..<2).map { _ in try service.submit(imageRequest(account, maxSide: 128)) }
        let queued = try service.metrics()
        XCTAssertEqual(queued.queueDepth, 2)
        XCTAssertEqual(queued.jobsByStatus[.queued], 2)

        service.start()
        for job in jobs { _ = try finished(service, job) }
        let after = try service.metrics()
        XCTAssertEqual(after.queueDepth, 0)
        XCTAssertEqual(after.jobsByStatus[.succeeded], 2)
        XCTAssertEqual(after.jobsByStatus[.running], 0)
        XCTAssertEqual(after.latencySamples, 2)
        XCTAssertGreaterThan(try XCTUnwrap(after.meanLatencyMilliseconds), 0)
        XCTAssertGreaterThan(try XCTUnwrap(after.inferenceMillisecondsPerMegapixel[.microast]), 0)
        XCTAssertEqual(after.runningHere, 0)
    }
}
