import Foundation
import Jobs
import Media
import Quotas
import TestSupport
import XCTest

/// Image jobs end to end: real JPEG in, the real network, a real encoded file out.
final class ImageJobTests: JobsTestCase {
    func testImageJobSucceedsWithAStylizedResultOfTheRequestedSize() throws {
        let account = try makeAccount()
        let service = try makeService()
        let submitted = try service.submit(imageRequest(account, maxSide: 256, format: .png))
        XCTAssertEqual(submitted.status, .queued)
        XCTAssertTrue(submitted.id.rawValue.hasPrefix("sty_"))
        XCTAssertEqual(submitted.id.rawValue.count, 24)
        XCTAssertEqual(submitted.progress, JobProgress(done: 0, total: 1))
        XCTAssertEqual(try usage(account).reservedFrames, 1, "the frame is reserved at submission")

        service.start()
        let job = try finished(service, submitted)
        XCTAssertEqual(job.status, .succeeded, "\(String(describing: job.problem))")
        XCTAssertEqual(job.progress, JobProgress(done: 1, total: 1))
        let result = try XCTUnwrap(job.result)
        XCTAssertEqual(result.mediaType, "image/png")
        XCTAssertEqual(result.frames, 1)
        XCTAssertEqual(result.width, 256)
        XCTAssertEqual(result.height, 180, "729x512 fitted to 256 keeps its aspect")
        XCTAssertEqual(try blobs.head(result.key)?.size, result.bytes, "the result is a blob of the blob store")
        XCTAssertEqual(resultFiles(), [], "the rendering left the results directory")
        let bytes = try FileManager.default.attributesOfItem(atPath: file(of: result).path)[.size] as? Int64
        XCTAssertEqual(result.bytes, bytes)

        let output = try ImageDecoder.decode(contentsOf: file(of: result))
        XCTAssertEqual(output.width, 256)
        XCTAssertEqual(output.height, 180)
        let content = try ImageDecoder.decode(contentsOf: photo).fitted(maxSide: 256)
        XCTAssertGreaterThan(meanAbsoluteDifference(output, content), 10, "the result should look stylized")

        XCTAssertNotNil(job.timings.queueMilliseconds)
        XCTAssertNotNil(job.timings.decodeMilliseconds)
        XCTAssertGreaterThan(try XCTUnwrap(job.timings.inferenceMilliseconds), 0)
        XCTAssertNotNil(job.timings.encodeMilliseconds)
        XCTAssertNotNil(job.startedAt)
        XCTAssertNotNil(job.finishedAt)

        let used = try usage(account)
        XCTAssertEqual(used.frames, 1, "the frame is metered when the job succeeds")
        XCTAssertEqual(used.reservedFrames, 0)
        XCTAssertEqual(try reservationStates(account), ["committed": 1])
    }

    func testThePlanCapsTheOutputSizeOfAnImage() throws {
        let account = try makeAccount()
        _ = try quotas.administration.setOverride(.imageLongSide, to: 300, forAccount: account)
        _ = try quotas.administration.setOverride(.imagePixels, to: 30_000, forAccount: account)
        let service = try makeService()
        service.start()
        let job = try finished(service, try service.submit(imageRequest(account, maxSide: nil, format: .jpeg)))
        XCTAssertEqual(job.status, .succeeded, "\(String(describing: job.problem))")
        let result = try XCTUnwrap(job.result)
        XCTAssertLessThanOrEqual(result.width * result.height, 30_000)
        XCTAssertGreaterThan(result.width * result.height, 25_000, "the pixel cap is used, not undershot")
        XCTAssertEqual(result.mediaType, "image/jpeg")
        XCTAssertEqual(try ImageProbe.probe(contentsOf: file(of: result)).format, .jpeg)
    }

    func testSubmitAndWaitAnswersASmallImageInOneCall() throws {
        let account = try makeAccount()
        let service = try makeService()
        let log = StatusLog()
        service.addObserver(log.record)
        // No worker pool is running: the caller's thread does the work.
        let job = try service.submitAndWait(imageRequest(account, maxSide: 128), timeout: 60)
        XCTAssertEqual(job.status, .succeeded, "\(String(describing: job.problem))")
        XCTAssertEqual(max(job.result?.width ?? 0, job.result?.height ?? 0), 128)
        XCTAssertEqual(log.all.map(\.status), [.queued, .running, .succeeded])
        XCTAssertEqual(try usage(account).frames, 1)
    }

    private func meanAbsoluteDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        zip(a.pixels, b.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(a.pixels.count)
    }
}
