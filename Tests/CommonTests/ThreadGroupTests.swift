import Common
import Foundation
import XCTest

final class ThreadGroupTests: XCTestCase {
    /// The worker loop every user of the group writes: look for work, else sleep until woken.
    private func worker(_ queue: Locked<[Int]>, _ done: Locked<[Int]>) -> ThreadGroup.Member {
        ("test-worker", { group in
            while !group.isStopping {
                let seen = group.wakeups.current
                if let item = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                    done.withLock { $0.append(item) }
                    continue
                }
                group.sleep(since: seen, until: Date().addingTimeInterval(60))
            }
        })
    }

    func testSleepingThreadsWakeForNewWorkWithoutPolling() throws {
        let queue = Locked<[Int]>([]), done = Locked<[Int]>([])
        let group = ThreadGroup()
        XCTAssertTrue(group.start([worker(queue, done), worker(queue, done)]))
        defer { group.stop() }
        for item in 1...50 {
            queue.withLock { $0.append(item) }
            group.wakeups.wake()
        }
        // The sleep deadline is a minute away: only the wake-ups can get the work done in time.
        let deadline = Date().addingTimeInterval(5)
        while done.withLock({ $0.count }) < 50, Date() < deadline { usleep(2_000) }
        XCTAssertEqual(done.withLock { $0.sorted() }, Array(1...50))
    }

    func testStopWakesSleepersAndReturnsWhenEveryThreadEnded() throws {
        let ended = Locked(0)
        let group = ThreadGroup()
        let member: ThreadGroup.Member = ("sleeper", { group in
            while !group.isStopping { group.sleep(since: group.wakeups.current, until: nil) }
            ended.withLock { $0 += 1 }
        })
        group.start([member, member, member])
        XCTAssertTrue(group.isRunning)
        let started = Date()
        XCTAssertTrue(group.stop())
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "sleepers without a deadline are woken by stop()")
        XCTAssertEqual(ended.withLock { $0 }, 3, "stop() returns only after every thread ended")
        XCTAssertTrue(group.isStopping)
        XCTAssertFalse(group.isRunning)
    }

    func testStartWhileRunningStartsNothingAndARestartRunsAgain() throws {
        let runs = Locked(0)
        let group = ThreadGroup()
        let member: ThreadGroup.Member = ("counter", { group in
            runs.withLock { $0 += 1 }
            while !group.isStopping { group.sleep(since: group.wakeups.current, until: nil) }
        })
        var prepared = 0
        XCTAssertFalse(group.isStopping, "a group never started is not stopping")
        XCTAssertTrue(group.start([member]) { prepared += 1 })
        XCTAssertFalse(group.start([member]) { prepared += 1 })
        group.stop()
        XCTAssertTrue(group.start([member]) { prepared += 1 })
        group.stop()
        XCTAssertEqual(runs.withLock { $0 }, 2)
        XCTAssertEqual(prepared, 2, "prepare runs once per real start")
    }

    func testStopRunsTheInterruptAndIsBoundedByItsTimeout() throws {
        let release = DispatchSemaphore(value: 0)
        let interrupted = Locked(false)
        let group = ThreadGroup()
        // A thread busy in work that only ends when told (as a job ends at its next check).
        group.start([("busy", { _ in release.wait() })])
        let started = Date()
        XCTAssertFalse(group.stop(timeout: 0.2) { interrupted.withLock { $0 = true } }, "still running at the timeout")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertTrue(interrupted.withLock { $0 })
        release.signal()
        XCTAssertTrue(group.stop(timeout: 5), "a second stop waits for the thread that was left running")
    }
}

final class WakeSignalTests: XCTestCase {
    func testAWakeUpBetweenLookingAndSleepingIsNotLost() {
        let signal = WakeSignal()
        let seen = signal.current
        signal.wake()  // arrives after the sleeper looked for work, before it sleeps
        let started = Date()
        XCTAssertTrue(signal.wait(since: seen, until: Date().addingTimeInterval(10)))
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
    }

    func testWaitEndsAtItsDeadlineWhenNobodyWakes() {
        let signal = WakeSignal()
        let started = Date()
        XCTAssertFalse(signal.wait(since: signal.current, until: Date().addingTimeInterval(0.1)))
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.09)
    }
}
