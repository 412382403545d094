import Foundation
import Jobs
import Quotas
import TestSupport
import XCTest

/// Content that passes the header probe but breaks while running.
final class FailureTests: JobsTestCase {
    func testCorruptContentFailsWithAProblemAndReleasesItsFrame() throws {
        let broken = directory.appendingPathComponent("broken.jpg")
        let bytes = try Data(contentsOf: photo)
        try bytes.prefix(bytes.count / 3).write(to: broken)
        let account = try makeAccount()
        let service = try makeService()
        service.start()
        let job = try finished(service, try service.submit(imageRequest(account, content: broken)))
        XCTAssertEqual(job.status, .failed)
        let problem = try XCTUnwrap(job.problem)
        XCTAssertEqual(problem.code, "invalid_content")
        XCTAssertFalse(problem.title.isEmpty)
        XCTAssertTrue(problem.detail.contains("JPEG"), problem.detail)
        XCTAssertNil(job.result)
        XCTAssertEqual(resultFiles(), [])
        XCTAssertEqual(try reservationStates(account), ["released": 1])
        XCTAssertEqual(try usage(account).frames, 0)
        XCTAssertEqual(try usage(account).reservedFrames, 0)
    }

    func testCorruptVideoStreamFailsAndLeavesNoFile() throws {
        // Keep the MP4 index intact and overwrite the media data in the middle with noise.
        var bytes = [UInt8](try Data(contentsOf: Fixtures.video))
        var generator = SplitMix64(seed: 7)
        for index in (bytes.count / 3)..<(bytes.count * 2 / 3) { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let broken = directory.appendingPathComponent("broken.mp4")
        try Data(bytes).write(to: broken)
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        service.start()
        let job = try finished(service, try service.submit(videoRequest(account, content: broken, maxSide: 64)))
        XCTAssertEqual(job.status, .failed)
        XCTAssertEqual(job.problem?.code, "invalid_content")
        XCTAssertEqual(resultFiles(), [], "the partial MP4 is removed")
        XCTAssertEqual(try usage(account).frames, 0)
        XCTAssertEqual(try usage(account).reservedFrames, 0)
    }

    func testContentRemovedBeforeTheJobRunsFailsIt() throws {
        let copy = directory.appendingPathComponent("photo.jpg")
        try FileManager.default.copyItem(at: photo, to: copy)
        let account = try makeAccount()
        let service = try makeService()
        let job = try service.submit(imageRequest(account, content: copy))
        // The content blob vanishes behind the service's back (a broken disk).
        try blobs.delete(try XCTUnwrap(job.content))
        service.start()
        let done = try finished(service, job)
        XCTAssertEqual(done.status, .failed)
        XCTAssertEqual(done.problem?.code, "invalid_content")
        XCTAssertEqual(try usage(account).reservedFrames, 0)
    }
}
