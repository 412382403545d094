import Common
import Filters
import Foundation
import Jobs
import Quotas
import Stylizations
import TestSupport
import XCTest

/// "Pin inputs + submit" is one transaction: the job, its reservation, the pins of its content
/// and filters under the job's id and its recorded inputs exist together or not at all.
final class SubmitTransactionTests: StylizationsTestCase {
    func testASubmittedStylizationHoldsItsPinsAndInputsFromTheStartAndReleasesThemWhenItEnds() throws {
        let account = try makeAccount()
        let content = try upload(account: account)
        let muse = try filter("goeritz.jpg", account: account)
        let sketch = try filter("sketch.png", account: account)
        // The same filter twice (interpolated with itself) is pinned once.
        let request = StylizationRequest(
            content: content.id.rawValue,
            filters: [.init(id: muse.id.rawValue, weight: 1), .init(id: sketch.id.rawValue, weight: 2), .init(id: muse.id.rawValue, weight: 1)],
            maxSide: 128)

        let created = try service.create(request, account: account)
        XCTAssertEqual(created.job.status, .queued)
        XCTAssertEqual(created.inputs, Stylization.Inputs(content: content.id.rawValue, filters: request.filters))
        let pinned = try pins(of: created.job.id.rawValue)
        XCTAssertEqual(pinned.assets, [content.id.rawValue])
        XCTAssertEqual(pinned.filters, [muse.id.rawValue, sketch.id.rawValue].sorted())
        XCTAssertEqual(try count("asset_pins"), 1, "no pin under any other holder")
        XCTAssertEqual(try count("filter_pins"), 2, "no pin under any other holder")
        XCTAssertEqual(try service.get(created.job.id.rawValue, account: account).inputs, created.inputs)
        XCTAssertThrowsError(try service.result(created.job.id.rawValue, account: account)) { error in
            XCTAssertEqual(error as? StylizationError, .notReady(status: .queued))
            XCTAssertEqual((error as? StylizationError)?.category, .conflict)
        }

        // Deleting the inputs while the job waits keeps them for the job.
        try assets.delete(content.id, account: account)
        try filters.delete(sketch.id, account: account)
        XCTAssertEqual(try count("assets", where: "id = ?", content.id.rawValue), 1)
        XCTAssertEqual(try count("filters", where: "id = ?", sketch.id.rawValue), 1)

        startJobs()
        var finished = created.job
        try eventually("the job ends") {
            finished = try jobs.get(created.job.id, account: account)
            return finished.status.isTerminal
        }
        XCTAssertEqual(finished.status, .succeeded, "\(String(describing: finished.problem))")
        try eventually("the job's end releases its pins") {
            let held = try pins(of: created.job.id.rawValue)
            return held.assets.isEmpty && held.filters.isEmpty
        }
        XCTAssertEqual(try count("assets", where: "id = ?", content.id.rawValue), 0, "the deleted content went with its last pin")
        XCTAssertEqual(try count("filters", where: "id = ?", sketch.id.rawValue), 0, "the deleted filter went with its last pin")
        XCTAssertEqual(try service.result(created.job.id.rawValue, account: account).mediaType, "image/jpeg")
    }

    func testASubmitRefusedByTheQuotaLeavesNothingPinned() throws {
        let account = try makeAccount()
        let content = try upload(account: account)
        let muse = try filter(account: account)
        // The free plan runs one job at once: the first holds the only slot while it is queued.
        let first = try service.create(request(content, [muse]), account: account)
        XCTAssertThrowsError(try service.create(request(content, [muse]), account: account)) { error in
            guard case .concurrencyLimit = error as? QuotaError else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? QuotaError)?.category, .rateLimited)
        }
        XCTAssertEqual(try count("jobs"), 1)
        XCTAssertEqual(try count("stylization_inputs"), 1)
        XCTAssertEqual(try count("asset_pins"), 1, "only the first job's pin")
        XCTAssertEqual(try count("filter_pins"), 1, "only the first job's pin")
        let firstPins = try pins(of: first.job.id.rawValue)
        XCTAssertEqual(firstPins.assets, [content.id.rawValue])
        XCTAssertEqual(firstPins.filters, [muse.id.rawValue])

        let broke = try makeAccount()
        _ = try quotas.administration.setOverride(.monthlyFrames, to: 0, forAccount: broke)
        let brokeContent = try upload(account: broke)
        let brokeFilter = try filter(account: broke)
        XCTAssertThrowsError(try service.create(request(brokeContent, [brokeFilter]), account: broke)) { error in
            guard case .quotaExceeded = error as? QuotaError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try count("jobs", where: "account_id = ?", broke), 0)
        XCTAssertEqual(try count("asset_pins", where: "asset_id = ?", brokeContent.id.rawValue), 0)
        XCTAssertEqual(try count("filter_pins", where: "filter_id = ?", brokeFilter.id.rawValue), 0)
        XCTAssertEqual(try quotas.usage(account: broke).reservedFrames, 0)
    }

    func testAFilterDeletedAfterPreparationIsRefusedCleanly() throws {
        let account = try makeAccount()
        let content = try upload(account: account)
        let muse = try filter("goeritz.jpg", account: account)
        let sketch = try filter("sketch.png", account: account)
        let prepared = try service.prepare(request(content, [muse, sketch]), account: account)

        try filters.delete(sketch.id, account: account)
        XCTAssertThrowsError(try service.submit(prepared)) { error in
            XCTAssertEqual(error as? StylizationError, .unknownFilter(id: sketch.id.rawValue, index: 1))
            XCTAssertEqual((error as? StylizationError)?.param, "filters[1].id")
            XCTAssertEqual((error as? StylizationError)?.category, .invalid)
        }
        try assertNothingSubmitted(account: account)
        XCTAssertEqual(try count("filters", where: "id = ?", sketch.id.rawValue), 0, "no pin kept the deleted filter")

        // The same request without the deleted filter goes through.
        XCTAssertEqual(try service.create(request(content, [muse]), account: account).job.status, .queued)
    }

    func testContentDeletedAfterPreparationIsRefusedCleanly() throws {
        let account = try makeAccount()
        let content = try upload(account: account)
        let muse = try filter(account: account)
        let prepared = try service.prepare(request(content, [muse]), account: account)

        try assets.delete(content.id, account: account)
        XCTAssertThrowsError(try service.submit(prepared)) { error in
            XCTAssertEqual(error as? StylizationError, .unknownContent(id: content.id.rawValue))
            XCTAssertEqual((error as? StylizationError)?.param, "content")
        }
        try assertNothingSubmitted(account: account)
        XCTAssertEqual(try count("assets", where: "id = ?", content.id.rawValue), 0, "no pin kept the deleted content")
    }

    /// A filter deleted by another thread at any moment of a submission: either the stylization
    /// exists with its filter pinned (the deletion came after the transaction), or it was refused
    /// and left nothing (the deletion came first). Never a job without its pin.
    func testAConcurrentlyDeletedFilterNeverLeavesAJobWithoutItsPin() throws {
        let account = try makeAccount()
        _ = try quotas.administration.setOverride(.concurrentJobs, to: 100, forAccount: account)
        _ = try quotas.administration.setOverride(.customFilters, to: 100, forAccount: account)
        let content = try upload(account: account)
        let muse = try filter(account: account)
        let style = try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("sketch.png"))
        // Deletions spread over the first half of a submission (measured once): some land before
        // the filter is read, some between the read and the transaction, some after.
        let started = Date()
        _ = try service.create(request(content, [muse]), account: account)
        let duration = Date().timeIntervalSince(started)
        var outcomes: [String: Int] = [:]
        for round in 0..<12 {
            let file = directory.appendingPathComponent("style-\(round).png")
            try style.write(to: file)
            let doomed = try filters.create(account: account, styleImage: file, name: "doomed \(round)")
            let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0), deleted = DispatchSemaphore(value: 0)
            let delay = duration * Double(round) / 24
            let filters = self.filters!
            Thread.detachNewThread {
                ready.signal()
                go.wait()
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                try? filters.delete(doomed.id, account: account)
                deleted.signal()
            }
            ready.wait()
            go.signal()
            do {
                let created = try service.create(request(content, [muse, doomed]), account: account)
                XCTAssertEqual(try pins(of: created.job.id.rawValue).filters, [muse.id.rawValue, doomed.id.rawValue].sorted(), "round \(round)")
                XCTAssertEqual(try count("stylization_inputs", where: "job_id = ?", created.job.id.rawValue), 1)
                outcomes["submitted", default: 0] += 1
            } catch let error as StylizationError {
                XCTAssertEqual(error, .unknownFilter(id: doomed.id.rawValue, index: 1), "round \(round)")
                outcomes["refused", default: 0] += 1
            }
            deleted.wait()
            let jobs = try count("jobs")
            XCTAssertEqual(try count("filter_pins", where: "filter_id = ?", muse.id.rawValue), jobs, "one pin per job, none for a refusal")
            XCTAssertEqual(try count("asset_pins"), jobs)
            XCTAssertEqual(try count("stylization_inputs"), jobs)
        }
        XCTAssertEqual(outcomes.values.reduce(0, +), 12)
        print("concurrent deletion outcomes (a submission takes \(Int(duration * 1000)) ms): \(outcomes)")
    }
}
