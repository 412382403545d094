import Foundation
import Stylizations
import XCTest

/// Which progress updates become events: at most one per interval and per step of the job.
final class ProgressThrottleTests: XCTestCase {
    func testA600FrameVideoRenderedInOneBurstMakesOneEventAndSlowlyAtMostTen() {
        let throttle = ProgressThrottle(interval: 1, step: 0.1)
        let start = Date(timeIntervalSince1970: 1_000)
        // Every frame within the same second: only the first tenth gets through.
        let burst = (1...600).filter { throttle.admit("sty_fast", done: $0, total: 600, now: start) }
        XCTAssertEqual(burst, [60])
        // One frame a second: a tenth of the job between events, so ten in all.
        let slow = (1...600).filter { throttle.admit("sty_slow", done: $0, total: 600, now: start.addingTimeInterval(Double($0))) }
        XCTAssertEqual(slow, stride(from: 60, through: 600, by: 60).map { $0 })
    }

    func testNothingGoesBackwardsAndForgetStartsAgain() {
        let throttle = ProgressThrottle(interval: 0, step: 0)
        let now = Date()
        XCTAssertTrue(throttle.admit("sty_a", done: 5, total: 10, now: now))
        XCTAssertFalse(throttle.admit("sty_a", done: 5, total: 10, now: now), "no news")
        XCTAssertFalse(throttle.admit("sty_a", done: 3, total: 10, now: now), "never backwards")
        XCTAssertFalse(throttle.admit("sty_a", done: 0, total: 0, now: now))
        XCTAssertEqual(throttle.count, 1)
        throttle.forget("sty_a")
        XCTAssertEqual(throttle.count, 0)
        XCTAssertTrue(throttle.admit("sty_a", done: 3, total: 10, now: now))
    }
}
