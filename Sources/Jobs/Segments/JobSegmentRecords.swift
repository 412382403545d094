import Foundation
import Media
import Storage

/// The SQL of table `job_segments` (`Schema/0015_job_segments.sql`): portable on both dialects.
/// Every write by a segment's worker is conditional on its claim token, as a job's are.
enum JobSegmentRecords {
    static func segments(of job: JobID, _ connection: any SQLConnection) throws -> [JobSegment] {
        try connection.query("""
            SELECT job_id, idx, start_pts, end_pts, frames, status, frames_done, result_sha256,
                decode_ms, inference_ms, encode_ms
            FROM job_segments WHERE job_id = ? ORDER BY idx
            """, job.rawValue).map(segment)
    }

    /// Stores `plan` as the job's segments. Rows of an earlier attempt that planned the same cuts
    /// stay as they are (done pieces are not rendered again; running ones keep their worker while
    /// its lease holds); any other plan replaces them. Returns whether anything is left to render.
    static func store(_ plan: [VideoSegmentPlan.Segment], of job: JobID, _ connection: any SQLConnection) throws -> Bool {
        let existing = try segments(of: job, connection)
        let samePlan = existing.count == plan.count
            && zip(existing, plan).allSatisfy { $0.range == $1.range && $0.frames == $1.frames }
        if samePlan { return existing.contains { $0.status != .done } }
        try connection.run("DELETE FROM job_segments WHERE job_id = ?", job.rawValue)
        for (index, segment) in plan.enumerated() {
            try connection.run("""
                INSERT INTO job_segments (job_id, idx, start_pts, end_pts, frames, status) VALUES (?, ?, ?, ?, ?, 'queued')
                """, job.rawValue, index, segment.range.start, segment.range.end, segment.frames)
        }
        return true
    }

    static func exist(_ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS one FROM job_segments LIMIT 1") != nil
    }

    /// Queued segments of running jobs (oldest job first), or of `job` alone.
    static func claimable(job: JobID?, limit: Int, _ connection: any SQLConnection) throws -> [JobSegment] {
        var sql = """
            SELECT s.job_id, s.idx, s.start_pts, s.end_pts, s.frames, s.status, s.frames_done, s.result_sha256,
                s.decode_ms, s.inference_ms, s.encode_ms
            FROM job_segments s JOIN jobs j ON j.id = s.job_id
            WHERE s.status = 'queued' AND j.status = 'running'
            """
        var parameters: [any SQLBindable] = []
        if let job {
            sql += " AND s.job_id = ?"
            parameters.append(job.rawValue)
        }
        sql += " ORDER BY j.seq, s.idx LIMIT \(limit)"
        return try connection.query(sql, parameters: parameters).map(segment)
    }

    /// Marks a queued segment running under `claim`; false when another worker took it first.
    static func claim(_ job: JobID, index: Int, claim: String, leaseUntil: Int64, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE job_segments SET status = 'running', claim = ?3, lease_expires_at = ?4, frames_done = 0
            WHERE job_id = ?1 AND idx = ?2 AND status = 'queued'
            """, job.rawValue, index, claim, leaseUntil) > 0
    }

    /// Records progress and extends the lease while the segment is this claim's and its job
    /// still runs; false when not (the job was canceled, failed or re-queued, or the lease passed
    /// and another worker has the segment): its worker must stop.
    static func heartbeat(_ segment: SegmentClaim, leaseUntil: Int64, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE job_segments SET frames_done = ?4, lease_expires_at = ?5
            WHERE job_id = ?1 AND idx = ?2 AND claim = ?3 AND status = 'running'
                AND EXISTS (SELECT 1 FROM jobs WHERE jobs.id = job_segments.job_id AND jobs.status = 'running')
            """, segment.job.rawValue, segment.index, segment.token, segment.control.progress, leaseUntil) > 0
    }

    /// Records the segment's rendered piece; false when the segment is no longer this claim's.
    static func complete(_ segment: SegmentClaim, piece: StoredBlob, times: StageTimes, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE job_segments SET status = 'done', claim = NULL, lease_expires_at = NULL, frames_done = frames,
                result_sha256 = ?4, result_bytes = ?5, decode_ms = ?6, inference_ms = ?7, encode_ms = ?8
            WHERE job_id = ?1 AND idx = ?2 AND claim = ?3 AND status = 'running'
            """, segment.job.rawValue, segment.index, segment.token, piece.key.hex, piece.size,
            times.decode.milliseconds, times.inference.milliseconds, times.encode.milliseconds) > 0
    }

    /// Gives a segment back to the queue (its worker is stopping); with its claim only.
    static func requeue(_ segment: SegmentClaim, _ connection: any SQLConnection) throws {
        try connection.run("""
            UPDATE job_segments SET status = 'queued', claim = NULL, lease_expires_at = NULL, frames_done = 0
            WHERE job_id = ? AND idx = ? AND claim = ? AND status = 'running'
            """, segment.job.rawValue, segment.index, segment.token)
    }

    /// Queues again the running segments whose lease passed: their worker died.
    @discardableResult
    static func requeueAbandoned(now: Int64, _ connection: any SQLConnection) throws -> Int {
        try connection.run("""
            UPDATE job_segments SET status = 'queued', claim = NULL, lease_expires_at = NULL, frames_done = 0
            WHERE status = 'running' AND lease_expires_at < ?
            """, now)
    }

    /// Deletes the segments of jobs that ended (their pieces become unreferenced blobs, swept).
    @discardableResult
    static func deleteEnded(_ connection: any SQLConnection) throws -> Int {
        try connection.run("""
            DELETE FROM job_segments WHERE NOT EXISTS
                (SELECT 1 FROM jobs WHERE jobs.id = job_segments.job_id AND jobs.status IN ('queued', 'running'))
            """)
    }

    static func deleteAll(of job: JobID, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM job_segments WHERE job_id = ?", job.rawValue)
    }

    private static func segment(_ row: Row) throws -> JobSegment {
        func duration(_ column: String) throws -> Duration { .milliseconds(try row.optionalInt(column) ?? 0) }
        return JobSegment(
            job: JobID(rawValue: try row.string("job_id")), index: try row.int("idx"),
            range: VideoTimestampRange(start: try row.optionalInt("start_pts").map(Int64.init),
                                       end: try row.optionalInt("end_pts").map(Int64.init)),
            frames: try row.int("frames"), status: JobSegment.Status(rawValue: try row.string("status")) ?? .queued,
            framesDone: try row.int("frames_done"),
            piece: try row.optionalString("result_sha256").flatMap { try? BlobKey(hex: $0) },
            times: StageTimes(decode: try duration("decode_ms"), inference: try duration("inference_ms"),
                              encode: try duration("encode_ms")))
    }
}
