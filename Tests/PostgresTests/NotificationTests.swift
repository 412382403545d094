import Foundation
@testable import Postgres
import Storage
import XCTest

/// LISTEN/NOTIFY wake-ups: a listener sleeps in poll(2) until a notification or its timeout.
final class NotificationTests: PostgresTestCase {
    func testANotificationWakesTheListenerBeforeItsTimeout() throws {
        let database = try open()
        let listener = try database.makeListener(channels: ["stylify_jobs"])
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
            try? database.notify(channel: "stylify_jobs", payload: "sty_123")
        }
        let started = Date()
        let wake = try listener.wait(timeout: 10)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "woke by the notification, not the timeout")
        guard case .notified(let notifications) = wake else { return XCTFail("\(wake)") }
        XCTAssertEqual(notifications.map(\.channel), ["stylify_jobs"])
        XCTAssertEqual(notifications.map(\.payload), ["sty_123"])
    }

    func testWithoutANotificationTheWaitTimesOut() throws {
        let database = try open()
        let listener = try database.makeListener(channels: ["stylify_jobs"])
        try database.notify(channel: "another_channel", payload: "not for us")
        let started = Date()
        XCTAssertEqual(try listener.wait(timeout: 0.3), .timedOut)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.29)
    }

    func testANotificationInsideATransactionArrivesOnlyIfItCommits() throws {
        let database = try open()
        let listener = try database.makeListener(channels: ["Jobs.Mixed\"Case"])
        struct Abort: Error {}
        XCTAssertThrowsError(try database.writeTransaction { connection in
            try connection.run("SELECT pg_notify(?, ?)", "Jobs.Mixed\"Case", "rolled back")
            throw Abort()
        })
        XCTAssertEqual(try listener.wait(timeout: 0.2), .timedOut)
        try database.writeTransaction { try $0.run("SELECT pg_notify(?, ?)", "Jobs.Mixed\"Case", "committed") }
        let wake = try listener.wait(timeout: 5)
        XCTAssertEqual(wake.payloads, ["committed"], "\(wake)")
    }

    func testAListenerWhoseConnectionWasKilledReconnectsAndHearsAgain() throws {
        let database = try open()
        let listener = try database.makeListener(channels: ["stylify_jobs"])
        let pid = try XCTUnwrap(listener.backendPID)
        XCTAssertEqual(try cluster.psql("SELECT pg_terminate_backend(\(pid))"), "t")
        XCTAssertEqual(try listener.wait(timeout: 5), .reconnected)
        XCTAssertNotEqual(listener.backendPID, pid)
        try database.notify(channel: "stylify_jobs", payload: "after")
        guard case .notified(let notifications) = try listener.wait(timeout: 5) else { return XCTFail("not notified after reconnecting") }
        XCTAssertEqual(notifications.map(\.payload), ["after"])
    }

    func testBadChannelNamesAreRefused() throws {
        let database = try open()
        XCTAssertThrowsError(try database.makeListener(channels: [""]))
        XCTAssertThrowsError(try database.makeListener(channels: [String(repeating: "x", count: 64)]))
    }

}

private extension PostgresListener.Wake {
    var payloads: [String] {
        if case .notified(let notifications) = self { return notifications.map(\.payload) }
        return []
    }
}
