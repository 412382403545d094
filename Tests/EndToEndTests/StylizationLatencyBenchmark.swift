import Foundation
import Jobs
import Inference
import TestSupport
import XCTest

/// What the HTTP path adds to a synchronous image stylization: the median wall time of
/// `POST /v1/stylizations` (201, result rendered) against `JobService.submitAndWait` called
/// directly with the same resolved request. Run with `STYLIFY_BENCH=1 swift test --filter
/// StylizationLatencyBenchmark` (`STYLIFY_BENCH_SIDE`, default 512; `STYLIFY_BENCH_RUNS`, default 7).
final class StylizationLatencyBenchmark: StylizationTestCase {
    func testSynchronousImageLatencyOverHTTPAgainstTheJobServiceAlone() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["STYLIFY_BENCH"] == "1", "set STYLIFY_BENCH=1 to run")
        let side = Int(ProcessInfo.processInfo.environment["STYLIFY_BENCH_SIDE"] ?? "") ?? 512
        let runs = Int(ProcessInfo.processInfo.environment["STYLIFY_BENCH_RUNS"] ?? "") ?? 7
        let user = try signUp("bench@example.com")
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let body: [String: Any] = ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "max_side": side]

        let code = try stylizations.filters.styleCode(filter: filter.id, model: .microast, account: user.accountID)
        let content = try stylizations.assets.content(asset.id, account: user.accountID)
        let direct = JobRequest(
            account: user.accountID, content: content.key, styles: [WeightedStyle(code: code)],
            options: JobOptions(maxSide: side, format: .jpeg))

        _ = try stylize(body, token: user.sessionToken)  // warm the model cache
        var http: [Double] = []
        var alone: [Double] = []
        for _ in 0..<runs {
            var start = Date()
            XCTAssertEqual(try stylize(body, token: user.sessionToken).status, 201)
            http.append(Date().timeIntervalSince(start) * 1000)
            start = Date()
            XCTAssertEqual(try stylizations.jobs.submitAndWait(direct, timeout: 60).status, .succeeded)
            alone.append(Date().timeIntervalSince(start) * 1000)
        }
        let medianHTTP = http.sorted()[runs / 2]
        let medianAlone = alone.sorted()[runs / 2]
        print(String(format: "stylization %dpx: HTTP POST median %.1f ms, JobService.submitAndWait median %.1f ms, ratio %.2fx (+%.1f ms)",
                     side, medianHTTP, medianAlone, medianHTTP / medianAlone, medianHTTP - medianAlone))
    }
}
