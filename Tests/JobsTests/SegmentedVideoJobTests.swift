import Foundation
@testable import Jobs
import Media
import Storage
import TestSupport
import XCTest

/// One video over several workers: two job services on one database (what two worker nodes
/// are) render the segments of one job in parallel; the job's worker joins them. The content is
/// cutBunny's 240 frames re-encoded at 128 px with a keyframe every 24 frames, with its audio.
final class SegmentedVideoJobTests: JobsTestCase {
    private var content: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        content = directory.appendingPathComponent("keyframed.mp4")
        try KeyframedVideo.write(to: content, maxSide: 128)
    }

    /// A worker node: its own service, database connections and results directory.
    private func node(_ name: String, segmentFrames: Int = 50) throws -> JobService {
        var configuration = configuration()
        configuration.resultsDirectory = directory.appendingPathComponent("results-\(name)")
        configuration.videoSegmentFrames = segmentFrames
        return try makeService(configuration, database: try testDatabase.open())
    }

    private func segmentRows(_ status: String? = nil) throws -> Int {
        try database.read { connection in
            if let status {
                return try connection.queryOne("SELECT count(*) AS n FROM job_segments WHERE status = ?", status)?.int("n") ?? 0
            }
            return try connection.queryOne("SELECT count(*) AS n FROM job_segments")?.int("n") ?? 0
        }
    }

    func testTwoNodesRenderTheSegmentsTogetherAndTheResultHasEveryFrameOnceWithTheAudio() throws {
        let account = try makeAccount(plan: "premium")
        let first = try node("a"), second = try node("b")
        first.start()
        second.start()
        let job = try first.submit(videoRequest(account, content: content, maxSide: 64))
        var mostRunning = 0
        var seen: [Int] = []
        var current = job
        let deadline = Date().addingTimeInterval(180)
        while !current.status.isTerminal, Date() < deadline {
            mostRunning = max(mostRunning, try segmentRows("running"))
            current = try first.get(job.id, account: account)
            seen.append(current.progress.done)
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertEqual(current.status, .succeeded, "\(String(describing: current.problem))")
        XCTAssertGreaterThanOrEqual(mostRunning, 2, "both nodes rendered a segment at the same time")
        XCTAssertEqual(seen, seen.sorted(), "progress over all segments never goes backwards")
        XCTAssertGreaterThan(Set(seen).count, 3, "progress moved in steps, not at the end only")

        let result = try XCTUnwrap(current.result)
        XCTAssertEqual(result.frames, 240)
        XCTAssertEqual(result.width, 64)
        let info = try VideoProbe.probe(contentsOf: file(of: result))
        XCTAssertEqual(info.frameCount, 240)
        XCTAssertEqual(info.duration, 10, accuracy: 0.1)
        XCTAssertEqual(info.audioCodec, "aac", "the source's audio is laid over the joined pieces")
        let times = try decodedTimes(file(of: result))
        let sourceTimes = try decodedTimes(content)
        XCTAssertEqual(times, sourceTimes, "every frame once, at its source time")
        XCTAssertNotNil(current.timings.inferenceMilliseconds)

        XCTAssertEqual(try usage(account).frames, 240, "charged once")
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        XCTAssertEqual(try segmentRows(), 0, "the segments went with the success")
    }

    func testCancelStopsEverySegmentOnEveryNode() throws {
        let account = try makeAccount(plan: "premium")
        let first = try node("a", segmentFrames: 30), second = try node("b", segmentFrames: 30)
        first.start()
        second.start()
        // 128 px: each segment takes a few seconds, long enough to cancel while two run.
        let job = try first.submit(videoRequest(account, content: content, maxSide: 128))
        try eventually(timeout: 120, "two segments never ran at once") { try segmentRows("running") >= 2 }
        XCTAssertEqual(try first.cancel(job.id, account: account).status, .canceled)
        try eventually(timeout: 5, "a segment's worker kept on") { try segmentRows("running") == 0 || segmentRows() == 0 }
        try eventually(timeout: 10, "the segments of the canceled job stayed") { try segmentRows() == 0 }
        XCTAssertEqual(try first.get(job.id, account: account).status, .canceled)
        XCTAssertEqual(try usage(account).frames, 0)
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        try eventually(timeout: 5, "pieces were left in a results directory") {
            try ["a", "b"].allSatisfy { name in
                let folder = directory.appendingPathComponent("results-\(name)")
                return (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? true
            }
        }
    }

    func testAStoppedNodesSegmentsAreFinishedByTheOtherAndDonePiecesAreKept() throws {
        let account = try makeAccount(plan: "premium")
        let first = try node("a", segmentFrames: 30)
        first.start()
        let job = try first.submit(videoRequest(account, content: content, maxSide: 64))
        try eventually(timeout: 120, "no piece was done") { try segmentRows("done") >= 1 }
        first.stop()
        let keptPieces = try database.read { try $0.query("SELECT idx, result_sha256 FROM job_segments WHERE status = 'done'") }
            .map { "\(try $0.int("idx")):\(try $0.string("result_sha256"))" }
        XCTAssertEqual(try first.get(job.id, account: account).status, .queued, "a stop gives the job back")
        XCTAssertEqual(try segmentRows("running"), 0, "and its segments")

        let second = try node("b", segmentFrames: 30)
        second.start()
        let done = try finished(second, job)
        XCTAssertEqual(done.status, .succeeded, "\(String(describing: done.problem))")
        XCTAssertEqual(done.attempts, 2)
        XCTAssertEqual(try decodedTimes(file(of: try XCTUnwrap(done.result))), try decodedTimes(content))
        XCTAssertEqual(try usage(account).frames, 240, "charged once")
        XCTAssertFalse(keptPieces.isEmpty)
    }

    func testAVideoDamagedMidStreamFailsTheJobCleanlyOnEveryNode() throws {
        let account = try makeAccount(plan: "premium")
        // The header (and so submission) is intact; a stretch of picture data in the middle is not.
        var bytes = [UInt8](try Data(contentsOf: content))
        for index in (bytes.count / 2)..<(bytes.count / 2 + 4096) { bytes[index] = 0xFF }
        let damaged = directory.appendingPathComponent("damaged.mp4")
        try Data(bytes).write(to: damaged)
        let first = try node("a"), second = try node("b")
        let job = try first.submit(videoRequest(account, content: damaged, maxSide: 64))
        first.start()
        second.start()
        let ended = try finished(first, job)
        XCTAssertEqual(ended.status, .failed)
        XCTAssertEqual(ended.problem?.code, "invalid_content", "\(String(describing: ended.problem))")
        XCTAssertNil(ended.result)
        XCTAssertEqual(try usage(account).frames, 0, "nothing charged")
        XCTAssertEqual(try usage(account).reservedFrames, 0)
        try eventually(timeout: 10, "the failed job's segments stayed") { try segmentRows() == 0 }
    }

    func testTheSamePlanKeepsDonePiecesAndAnotherPlanReplacesThem() throws {
        let account = try makeAccount(plan: "premium")
        let service = try makeService()
        let job = try service.submit(videoRequest(account, content: content))
        let plan = try VideoSegmentPlan.segments(of: content, targetFrames: 50)
        let piece = try blobs.put(contentsOf: photo)
        let registry = BlobRegistry(database: database, store: blobs)
        try database.write { connection in
            XCTAssertTrue(try JobSegmentRecords.store(plan, of: job.id, connection))
            try registry.record(piece, in: connection, now: Date())
            try connection.run("UPDATE job_segments SET status = 'done', result_sha256 = ? WHERE idx = 0", piece.key.hex)
            XCTAssertTrue(try JobSegmentRecords.store(plan, of: job.id, connection), "two pieces are still to render")
            XCTAssertEqual(try JobSegmentRecords.segments(of: job.id, connection).map(\.status), [.done, .queued, .queued])
            XCTAssertTrue(try registry.isReferenced(piece.key, in: connection), "a done piece is a referenced blob")
            let other = try VideoSegmentPlan.segments(of: content, targetFrames: 30)
            XCTAssertTrue(try JobSegmentRecords.store(other, of: job.id, connection))
            XCTAssertEqual(try JobSegmentRecords.segments(of: job.id, connection).map(\.status), Array(repeating: .queued, count: other.count))
            XCTAssertFalse(try registry.isReferenced(piece.key, in: connection))
        }
    }

    private func decodedTimes(_ url: URL) throws -> [Double] {
        let decoder = try VideoDecoder(url: url, outputMaxSide: 16)
        var times: [Double] = []
        try decoder.forEachFrame { times.append($0.time) }
        return times
    }
}
