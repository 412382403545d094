import Benchmarks
import Foundation
import TestSupport
import Webhooks
import XCTest

/// What durability costs: enqueue time per event (paid on a job's thread), and deliveries per
/// second of the SQLite-backed dispatcher against a raw loop of the same signed libcurl POSTs to the
/// same local receiver. Run with `STYLIFY_BENCH=1 swift test --filter DeliveryThroughputBenchmark`
/// (`STYLIFY_BENCH_EVENTS`, default 1000).
final class DeliveryThroughputBenchmark: WebhooksTestCase {
    func testDurableDeliveriesAgainstARawPostLoop() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["STYLIFY_BENCH"] == "1", "set STYLIFY_BENCH=1 to run")
        let count = Int(ProcessInfo.processInfo.environment["STYLIFY_BENCH_EVENTS"] ?? "") ?? 1000
        let receiver = try receiver()
        let account = try account()
        let created = try service.create(account: account, url: receiver.url, events: nil)
        let data = Array(String(repeating: "x", count: 1500).utf8)
        let body = Array(#"{"type":"stylization.succeeded","timestamp":"2026-01-01T00:00:00Z","data":""#.utf8) + data + Array(#""}"#.utf8)

        let raw = try RawPostLoop.run(url: receiver.url, secret: created.secret, body: body, count: count)
        XCTAssertEqual(raw.delivered, count)

        var enqueueMicros: [Double] = []
        func enqueueBatch(from first: Int) throws {
            for index in first..<(first + count) {
                let subject = "sty_" + String(format: "%020d", index)
                let start = Date()
                try service.enqueue(WebhookEvent(
                    type: .stylizationSucceeded, account: account, subject: subject, occurredAt: Date(),
                    data: Array(#"{"id":"\#(subject)","pad":""#.utf8) + data + Array(#""}"#.utf8)))
                enqueueMicros.append(Date().timeIntervalSince(start) * 1e6)
            }
        }

        var results: [(threads: Int, seconds: Double)] = []
        for (run, threads) in [1, 2].enumerated() {
            try enqueueBatch(from: run * count)
            var configuration = Self.configuration()
            configuration.dispatcherThreads = threads
            service = WebhookService(database: database, configuration: configuration)
            let start = Date()
            service.start()
            XCTAssertTrue(try eventually(timeout: 120) { try service.metrics().deliveriesByStatus[.delivered] == (run + 1) * count })
            results.append((threads, Date().timeIntervalSince(start)))
            service.stop()
        }
        let sorted = enqueueMicros.sorted()
        let samples = sorted.count
        let rawRate = Double(count) / raw.seconds
        print(String(format: "webhooks enqueue: median %.0f µs, p95 %.0f µs per event (1 endpoint, one SQLite write)",
                     sorted[samples / 2], sorted[samples * 95 / 100]))
        print(String(format: "raw signed libcurl POST loop: %.0f deliveries/s", rawRate))
        for result in results {
            let rate = Double(count) / result.seconds
            print(String(format: "durable dispatcher, %d thread(s): %.0f deliveries/s (%.2fx the raw loop)", result.threads, rate, rate / rawRate))
        }
    }
}
