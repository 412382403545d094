import Common
import Foundation
import Inference
import Jobs
import Quotas
import Storage
import TestSupport
import XCTest

/// Refusals at submission: typed errors, and nothing stored or reserved.
final class SubmissionTests: JobsTestCase {
    func testAnotherAccountsJobIsNotFoundLikeAMissingOne() throws {
        let owner = try makeAccount(), stranger = try makeAccount()
        let service = try makeService()
        let job = try service.submit(imageRequest(owner))
        XCTAssertThrowsError(try service.get(job.id, account: stranger)) { XCTAssertEqual($0 as? JobError, .notFound(job.id)) }
        XCTAssertThrowsError(try service.cancel(job.id, account: stranger)) { XCTAssertEqual($0 as? JobError, .notFound(job.id)) }
        let missing = JobID(rawValue: "sty_doesnotexist0000000")
        XCTAssertThrowsError(try service.get(missing, account: owner)) { XCTAssertEqual($0 as? JobError, .notFound(missing)) }
        XCTAssertEqual(try service.list(account: stranger).jobs, [])
        XCTAssertThrowsError(try service.list(account: stranger, startingAfter: job.id)) {
            XCTAssertEqual($0 as? JobError, .notFound(job.id))
        }
        XCTAssertEqual(try service.get(job.id, account: owner).status, .queued, "the stranger's cancel changed nothing")
    }

    func testSubmissionWhenMonthlyFramesAreExhaustedIsRefusedWithAQuotaError() throws {
        let account = try makeAccount(plan: "premium")
        _ = try quotas.administration.setOverride(.monthlyFrames, to: 100, forAccount: account)
        let service = try makeService()
        XCTAssertThrowsError(try service.submit(videoRequest(account))) { error in
            guard case QuotaError.quotaExceeded(.monthlyFrames, let used, let allowed, let requested, _, _) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(used, 0)
            XCTAssertEqual(allowed, 100)
            XCTAssertEqual(requested, 240)
        }
        _ = try quotas.administration.setOverride(.monthlyFrames, to: 0, forAccount: account)
        XCTAssertThrowsError(try service.submit(imageRequest(account))) { error in
            guard case QuotaError.quotaExceeded(.monthlyFrames, _, _, 1, _, _) = error else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try service.list(account: account).jobs, [], "no job was created")
        XCTAssertEqual(try usage(account).reservedFrames, 0)
    }

    func testVideoLongerThanThePlanAllowsIsRefusedNamingTheLimit() throws {
        let account = try makeAccount(plan: "free")  // 120 frames per video
        let service = try makeService()
        XCTAssertThrowsError(try service.submit(videoRequest(account))) { error in
            guard case QuotaError.planLimit(.videoFrames, 120, 240, "free", "premium") = error else {
                return XCTFail("unexpected \(error)")
            }
        }
    }

    func testVideoIsScaledToThePlansLongSide() throws {
        let account = try makeAccount(plan: "premium")
        _ = try quotas.administration.setOverride(.videoLongSide, to: 96, forAccount: account)
        let service = try makeService()
        let job = try service.submit(videoRequest(account, maxSide: 640))
        XCTAssertEqual(job.options.maxSide, 96)
    }

    func testEachClassOfBadRequestIsRefusedWithItsParameter() throws {
        let account = try makeAccount()
        let service = try makeService()
        func refused(_ request: JobRequest, param expected: String, _ line: UInt = #line) {
            XCTAssertThrowsError(try service.submit(request), line: line) { error in
                guard case JobError.invalidRequest(let param, _) = error else { return XCTFail("unexpected \(error)", line: line) }
                XCTAssertEqual(param, expected, line: line)
            }
        }
        var request = try imageRequest(account)
        request.options.strength = 1.5
        refused(request, param: "strength")
        request = try imageRequest(account)
        request.options.strength = .nan
        refused(request, param: "strength")
        refused(try imageRequest(account, maxSide: 8), param: "max_side")
        request = try imageRequest(account)
        request.options.quality = 0
        refused(request, param: "quality")
        request = try imageRequest(account)
        request.styles = []
        refused(request, param: "filters")
        request = try imageRequest(account)
        request.styles = [WeightedStyle(code: Self.styleCode, weight: 0)]
        refused(request, param: "filters")
        request = try imageRequest(account)
        request.styles = [WeightedStyle(code: Self.styleCode, weight: -1)]
        refused(request, param: "filters")
        request = try imageRequest(account)
        request.styles = [WeightedStyle(code: StyleCode(model: .adain, values: [Float](repeating: 0.5, count: 1024)), weight: 1)]
        refused(request, param: "filters")
        refused(try imageRequest(account, format: .mp4), param: "format")
        var video = try videoRequest(account)
        video.options.format = .png
        refused(video, param: "format")

        XCTAssertEqual(try service.list(account: account).jobs, [])
        XCTAssertEqual(try usage(account).reservedFrames, 0)
    }

    func testUnreadableContentIsRefusedAtSubmission() throws {
        let account = try makeAccount()
        let service = try makeService()
        let text = directory.appendingPathComponent("notes.jpg")
        try Data("just some text, not an image".utf8).write(to: text)
        let empty = directory.appendingPathComponent("empty.png")
        try Data().write(to: empty)
        var requests = try [text, empty].map { (try imageRequest(account, content: $0), $0.lastPathComponent) }
        // A key the blob store does not hold (a blob removed behind the service's back).
        var missing = try imageRequest(account)
        missing.content = try BlobKey(hex: String(repeating: "0", count: 64))
        requests.append((missing, "missing blob"))
        for (request, name) in requests {
            XCTAssertThrowsError(try service.submit(request)) { error in
                guard case JobError.invalidContent = error else { return XCTFail("unexpected \(error) for \(name)") }
                XCTAssertEqual((error as? JobError)?.category, .invalid)
            }
        }
        XCTAssertThrowsError(try service.submit(imageRequest("acct_nobody", content: photo))) { error in
            guard case QuotaError.unknownAccount = error else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try usage(account).reservedFrames, 0)
    }

    func testListPagesNewestFirst() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        let jobs = try (0..<3).map { _ in try service.submit(imageRequest(account)) }
        let first = try service.list(account: account, limit: 2)
        XCTAssertEqual(first.jobs.map(\.id), [jobs[2].id, jobs[1].id])
        XCTAssertTrue(first.hasMore)
        let second = try service.list(account: account, limit: 2, startingAfter: first.jobs.last!.id)
        XCTAssertEqual(second.jobs.map(\.id), [jobs[0].id])
        XCTAssertFalse(second.hasMore)
        XCTAssertThrowsError(try service.list(account: account, limit: 0)) { error in
            XCTAssertEqual(error as? JobError, .invalidRequest(param: "limit", detail: "must be between 1 and 100, got 0"))
        }
    }

    func testStyleCodesAreSnapshottedIntoTheJob() throws {
        let account = try makeAccount()
        let service = try makeService()
        let job = try service.submit(imageRequest(account, maxSide: 64))
        // The job row carries its own copy: nothing outside it is needed to run it.
        let stored = try database.read { try $0.query("SELECT code FROM job_styles") }
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(try StyleCode(serialized: Data(try stored[0].blob("code"))), Self.styleCode)
        service.start()
        XCTAssertEqual(try finished(service, job).status, .succeeded)
    }
}
