import Common
import Foundation
import XCTest

final class ServiceLifecycleTests: XCTestCase {
    struct StartFailure: Error {}

    func testServicesStartInOrderAndStopInReverse() throws {
        let events = Locked<[String]>([])
        let lifecycle = ServiceLifecycle { _ in }
        for name in ["sweep", "webhooks", "jobs", "http"] {
            lifecycle.add(name, stopWithin: 5, start: { events.withLock { $0.append("start \(name)") } },
                          stop: { events.withLock { $0.append("stop \(name)") } })
        }
        XCTAssertEqual(lifecycle.names, ["sweep", "webhooks", "jobs", "http"])
        try lifecycle.start()
        XCTAssertEqual(lifecycle.stop(), [])
        XCTAssertEqual(events.withLock { $0 }, [
            "start sweep", "start webhooks", "start jobs", "start http",
            "stop http", "stop jobs", "stop webhooks", "stop sweep",
        ])
        lifecycle.stop()
        XCTAssertEqual(events.withLock { $0 }.count, 8, "a second stop stops nothing twice")
    }

    func testAFailedStartStopsWhatStartedAndRethrows() throws {
        let events = Locked<[String]>([])
        let lifecycle = ServiceLifecycle { _ in }
        lifecycle.add("jobs", stopWithin: 5, start: { events.withLock { $0.append("start jobs") } },
                      stop: { events.withLock { $0.append("stop jobs") } })
        lifecycle.add("http", stopWithin: 5, start: { throw StartFailure() }, stop: { events.withLock { $0.append("stop http") } })
        lifecycle.add("after", stopWithin: 5, start: { events.withLock { $0.append("start after") } }, stop: {})
        XCTAssertThrowsError(try lifecycle.start()) { XCTAssertTrue($0 is StartFailure) }
        XCTAssertEqual(events.withLock { $0 }, ["start jobs", "stop jobs"], "the failed service is not stopped, later ones never start")
    }

    func testAStopThatOverrunsItsBoundIsReportedAndTheNextStillStops() throws {
        let lines = Locked<[String]>([])
        let stoppedFirst = Locked(false)
        let release = DispatchSemaphore(value: 0)
        let lifecycle = ServiceLifecycle { line in lines.withLock { $0.append(line) } }
        lifecycle.add("first", stopWithin: 5, start: {}, stop: { stoppedFirst.withLock { $0 = true } })
        lifecycle.add("stuck", stopWithin: 0.2, start: {}, stop: { release.wait() })
        try lifecycle.start()
        let started = Date()
        XCTAssertEqual(lifecycle.stop(), ["stuck"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertTrue(stoppedFirst.withLock { $0 })
        XCTAssertEqual(lines.withLock { $0 }.count, 1)
        XCTAssertTrue(lines.withLock { $0 }.first?.contains("service=stuck") ?? false)
        release.signal()
    }
}
