import Foundation
import Jobs
import Media
import Quotas
import TestSupport
import XCTest

/// Video jobs on the real cutBunny.mp4 (640x360, 240 frames, 24 fps, AAC), kept small (128 px).
final class VideoJobTests: JobsTestCase {
    func testVideoJobWritesAnMP4WithTheSourceFrameCountRateAndAudio() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        service.start()
        let submitted = try service.submit(videoRequest(account, maxSide: 128))
        XCTAssertEqual(submitted.kind, .video)
        XCTAssertEqual(submitted.progress.total, 240)
        XCTAssertEqual(try usage(account).reservedFrames, 240)

        var seen: [Int] = []
        var job = submitted
        let deadline = Date().addingTimeInterval(180)
        while !job.status.isTerminal, Date() < deadline {
            job = try service.get(submitted.id, account: account)
            seen.append(job.progress.done)
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(job.status, .succeeded, "\(String(describing: job.problem))")
        XCTAssertEqual(seen, seen.sorted(), "progress never goes backwards")
        XCTAssertEqual(job.progress, JobProgress(done: 240, total: 240))

        let result = try XCTUnwrap(job.result)
        XCTAssertEqual(result.mediaType, "video/mp4")
        XCTAssertEqual(result.frames, 240)
        XCTAssertEqual(result.width, 128)
        XCTAssertEqual(result.height, 72)
        let info = try VideoProbe.probe(contentsOf: file(of: result))
        XCTAssertEqual(info.frameCount, 240)
        XCTAssertEqual(info.framesPerSecond, 24, accuracy: 0.01)
        XCTAssertEqual(info.videoCodec, "h264")
        XCTAssertEqual(info.width, 128)
        XCTAssertEqual(info.height, 72)
        XCTAssertNotNil(info.audioCodec, "the source's audio is carried over")
        XCTAssertEqual(info.duration, 10, accuracy: 0.1)
        XCTAssertNotNil(job.timings.decodeMilliseconds)
        XCTAssertNotNil(job.timings.encodeMilliseconds)

        let used = try usage(account)
        XCTAssertEqual(used.frames, 240)
        XCTAssertEqual(used.reservedFrames, 0)
    }

    func testVideoFramesAreStylizedNotJustCopied() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        service.start()
        let job = try finished(service, try service.submit(videoRequest(account, maxSide: 64)))
        XCTAssertEqual(job.status, .succeeded, "\(String(describing: job.problem))")
        let decoder = try VideoDecoder(url: file(of: try XCTUnwrap(job.result)))
        let source = try VideoDecoder(url: Fixtures.video, outputMaxSide: 64)
        let first = try XCTUnwrap(try decoder.nextFrame())
        let original = try XCTUnwrap(try source.nextFrame())
        XCTAssertEqual(first.image.width, original.image.width)
        let difference = zip(first.image.pixels, original.image.pixels)
            .reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(first.image.pixels.count)
        XCTAssertGreaterThan(difference, 10)
    }
}
