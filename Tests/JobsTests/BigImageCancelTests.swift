import Foundation
import Jobs
import Media
import TestSupport
import XCTest

/// Cancel reaches into inference: one 4096² image (premium's largest) takes many seconds of
/// network time (about 10 s here, more under load), and a cancel must not wait for it. The bounds
/// below are a fraction of that time, loose enough for a loaded 2-core CI machine: what they tell
/// apart is "stopped between layers" from "waited for the picture to finish".
final class BigImageCancelTests: JobsTestCase {
    func testCancelingABigImageStopsItsInferenceBetweenLayersAndReleasesItsFrame() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        let big = directory.appendingPathComponent("big.jpg")
        let image = try ImageDecoder.decode(contentsOf: photo).resized(width: 4096, height: 4096)
        try ImageEncoder.encode(image, as: .jpeg(quality: 90)).write(to: big)
        service.start()

        let job = try service.submit(imageRequest(account, content: big, maxSide: nil, format: .jpeg))
        try eventually(timeout: 60, "the job never started") {
            try service.get(job.id, account: account).status == .running
        }
        // Decoding 16 MP takes about 0.1 s; by now the network is busy for many seconds more.
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertEqual(try service.metrics().runningHere, 1, "the job is still rendering")
        let canceledAt = Date()
        XCTAssertEqual(try service.cancel(job.id, account: account).status, .canceled)

        try eventually(timeout: 30, "the worker did not stop") { try service.metrics().runningHere == 0 }
        let stoppedAfter = Date().timeIntervalSince(canceledAt)
        print("BigImageCancelTests: the worker stopped \(stoppedAfter) s after the cancel")
        XCTAssertLessThan(stoppedAfter, 3.0, "the worker stops long before the picture would be done (took \(stoppedAfter) s)")

        let after = try service.get(job.id, account: account)
        XCTAssertEqual(after.status, .canceled)
        XCTAssertEqual(after.problem?.code, "canceled")
        XCTAssertNil(after.result)
        XCTAssertEqual(resultFiles(), [], "no result and no temporary file is left")
        XCTAssertEqual(try reservationStates(account), ["released": 1], "the frame is released, not committed")
        XCTAssertEqual(try usage(account).frames, 0)
        XCTAssertEqual(try usage(account).reservedFrames, 0)
    }

    func testShutdownDuringABigImageRequeuesItPromptly() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        let big = directory.appendingPathComponent("big.jpg")
        let image = try ImageDecoder.decode(contentsOf: photo).resized(width: 3072, height: 3072)
        try ImageEncoder.encode(image, as: .jpeg(quality: 90)).write(to: big)
        service.start()
        let job = try service.submit(imageRequest(account, content: big, maxSide: nil, format: .jpeg))
        try eventually(timeout: 60, "the job never started") {
            try service.get(job.id, account: account).status == .running
        }
        Thread.sleep(forTimeInterval: 1)

        let stoppingAt = Date()
        service.stop()
        let stoppedAfter = Date().timeIntervalSince(stoppingAt)
        XCTAssertLessThan(stoppedAfter, 3.0, "stop interrupts inference (took \(stoppedAfter) s)")
        let after = try service.get(job.id, account: account)
        XCTAssertEqual(after.status, .queued, "an interrupted job goes back to the queue, not to failed")
        XCTAssertEqual(try usage(account).reservedFrames, 1, "its frame stays reserved for the re-run")
        XCTAssertEqual(try usage(account).frames, 0)
    }
}
