import Common
import Foundation
import XCTest

final class PeriodicTaskTests: XCTestCase {
    func testRunsAtStartThenEveryInterval() throws {
        let runs = Locked(0)
        let task = PeriodicTask(name: "test-periodic", every: 0.05, runsAtStart: true) { runs.withLock { $0 += 1 } }
        task.start()
        let deadline = Date().addingTimeInterval(5)
        while runs.withLock({ $0 }) < 3, Date() < deadline { usleep(5_000) }
        task.stop()
        let stopped = runs.withLock { $0 }
        XCTAssertGreaterThanOrEqual(stopped, 3)
        usleep(200_000)
        XCTAssertEqual(runs.withLock { $0 }, stopped, "nothing runs after stop()")
    }

    func testStopEndsTheWaitAtOnceAndWaitsForARunInProgress() throws {
        let idle = PeriodicTask(name: "test-idle", every: 3600, runsAtStart: false) { XCTFail("an hour has not passed") }
        idle.start()
        var started = Date()
        XCTAssertTrue(idle.stop(timeout: 5))
        XCTAssertLessThan(Date().timeIntervalSince(started), 1, "a stop does not wait for the next tick")

        let inside = DispatchSemaphore(value: 0)
        let finished = Locked(false)
        let busy = PeriodicTask(name: "test-busy", every: 3600, runsAtStart: true) {
            inside.signal()
            usleep(300_000)
            finished.withLock { $0 = true }
        }
        busy.start()
        inside.wait()
        started = Date()
        XCTAssertTrue(busy.stop(timeout: 5))
        XCTAssertTrue(finished.withLock { $0 }, "the run in progress finished before stop() returned")
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.2)
    }
}
