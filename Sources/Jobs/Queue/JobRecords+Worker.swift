import Foundation
import Storage

/// The writes of the job life cycle: claim, heartbeat, finish, cancel and recovery.
extension JobRecords {
    /// Queued jobs in the order they should run: higher priority first, then first submitted.
    static func queued(limit: Int, _ connection: any SQLConnection) throws -> [(id: JobID, account: String)] {
        try connection.query(
            "SELECT id, account_id FROM jobs WHERE status = 'queued' ORDER BY priority DESC, seq LIMIT ?", limit
        ).map { (JobID(rawValue: try $0.string("id")), try $0.string("account_id")) }
    }

    static func queuedCount(_ connection: any SQLConnection) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM jobs WHERE status = 'queued'")?.int("n") ?? 0
    }

    /// Running jobs per account.
    static func runningCounts(_ connection: any SQLConnection) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.query("SELECT account_id, count(*) AS n FROM jobs WHERE status = 'running' GROUP BY account_id") {
            counts[try row.string("account_id")] = try row.int("n")
        }
        return counts
    }

    /// Running jobs of one account (for the claim cap, under the account's lock).
    static func runningCount(of account: String, _ connection: any SQLConnection) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM jobs WHERE account_id = ? AND status = 'running'", account)?.int("n") ?? 0
    }

    /// Locks the queued job for its claim (see `JobsDialect.lockQueued`); false when it is no
    /// longer queued, or (PostgreSQL) another claimer holds it right now.
    static func lockQueued(_ id: JobID, _ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne(JobsDialect.lockQueued(connection.dialect), id.rawValue) != nil
    }

    /// Wakes idle workers on every node when the caller's transaction commits (PostgreSQL's
    /// `NOTIFY`; nothing on SQLite).
    static func notifyWorkers(_ connection: any SQLConnection) throws {
        guard let sql = JobsDialect.notifyWorkers(connection.dialect) else { return }
        _ = try connection.queryOne(sql)
    }

    /// Marks a queued job running under `claim`; false if it is no longer queued.
    static func claim(_ id: JobID, claim: String, now: Int64, leaseUntil: Int64, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE jobs SET status = 'running', claim = ?2, attempts = attempts + 1, started_at = ?3,
                lease_expires_at = ?4, frames_done = 0, queue_ms = ?3 - created_at,
                decode_ms = NULL, inference_ms = NULL, encode_ms = NULL
            WHERE id = ?1 AND status = 'queued'
            """, id.rawValue, claim, now, leaseUntil) > 0
    }

    /// Records progress (never backwards) and extends the worker's lease; false when the job is no
    /// longer this claim's (canceled, or re-queued after the lease passed): the worker must stop.
    static func heartbeat(_ id: JobID, claim: String, framesDone: Int, leaseUntil: Int64, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE jobs SET frames_done = CASE WHEN frames_done > ?3 THEN frames_done ELSE ?3 END, lease_expires_at = ?4
            WHERE id = ?1 AND claim = ?2 AND status = 'running'
            """, id.rawValue, claim, framesDone, leaseUntil) > 0
    }

    static func succeed(_ id: JobID, claim: String, now: Int64, timings: JobTimings, result: JobResult,
                        _ connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE jobs SET status = 'succeeded', finished_at = ?3, frames_done = frames_total, claim = NULL,
                lease_expires_at = NULL, decode_ms = ?4, inference_ms = ?5, encode_ms = ?6,
                result_sha256 = ?7, result_bytes = ?8, result_media_type = ?9, result_width = ?10,
                result_height = ?11, result_frames = ?12, result_asset_id = ?13
            WHERE id = ?1 AND claim = ?2 AND status = 'running'
            """, id.rawValue, claim, now, timings.decodeMilliseconds, timings.inferenceMilliseconds,
            timings.encodeMilliseconds, result.key.hex, result.bytes, result.mediaType, result.width,
            result.height, result.frames, result.assetID) > 0
    }

    /// Ends a job as failed or canceled with `problem`. With a claim, only that attempt's job;
    /// without, any job not yet ended. False when nothing changed.
    static func end(_ id: JobID, as status: JobStatus, claim: String?, now: Int64, problem: JobProblem,
                    timings: JobTimings? = nil, _ connection: any SQLConnection) throws -> Bool {
        var sql = """
            UPDATE jobs SET status = ?2, finished_at = ?3, claim = NULL, lease_expires_at = NULL,
                error_code = ?4, error_title = ?5, error_detail = ?6,
                decode_ms = coalesce(?7, decode_ms), inference_ms = coalesce(?8, inference_ms),
                encode_ms = coalesce(?9, encode_ms)
            WHERE id = ?1 AND status IN ('queued', 'running')
            """
        var parameters: [any SQLBindable] = [
            id.rawValue, status.rawValue, now, problem.code, problem.title, problem.detail,
            timings?.decodeMilliseconds, timings?.inferenceMilliseconds, timings?.encodeMilliseconds,
        ]
        if let claim {
            sql += " AND claim = ?10"
            parameters.append(claim)
        }
        return try connection.run(sql, parameters: parameters) > 0
    }

    /// Running jobs whose worker lease passed: their worker died.
    static func abandoned(now: Int64, _ connection: any SQLConnection) throws -> [(id: JobID, attempts: Int)] {
        try connection.query(
            "SELECT id, attempts FROM jobs WHERE status = 'running' AND lease_expires_at < ?", now
        ).map { (JobID(rawValue: try $0.string("id")), try $0.int("attempts")) }
    }

    /// Puts a running job back in the queue, to be run again from the start. With a claim, only
    /// that attempt's job.
    static func requeue(_ id: JobID, claim: String?, _ connection: any SQLConnection) throws -> Bool {
        let sql = """
            UPDATE jobs SET status = 'queued', claim = NULL, lease_expires_at = NULL, frames_done = 0, started_at = NULL
            WHERE id = ? AND status = 'running'
            """
        guard let claim else { return try connection.run(sql, id.rawValue) > 0 }
        return try connection.run(sql + " AND claim = ?", id.rawValue, claim) > 0
    }

    /// Points the job at a new reservation (its old lease passed before it could be renewed).
    static func replaceReservation(_ id: JobID, old: String, new: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.run(
            "UPDATE jobs SET reservation_id = ? WHERE id = ? AND reservation_id = ? AND status IN ('queued', 'running')",
            new, id.rawValue, old) > 0
    }

    /// Reservations of jobs not yet ended, to renew: queued ones, and running ones of `claims`.
    static func liveReservations(claims: [String], _ connection: any SQLConnection) throws -> [(id: JobID, account: String, reservation: String, frames: Int, createdAt: Int)] {
        let rows = try connection.query("""
            SELECT id, account_id, reservation_id, frames_total, created_at, claim FROM jobs
            WHERE status = 'queued' OR status = 'running'
            """)
        let mine = Set(claims)
        return try rows.compactMap { row in
            if let claim = try row.optionalString("claim"), !mine.contains(claim) { return nil }
            return (JobID(rawValue: try row.string("id")), try row.string("account_id"), try row.string("reservation_id"),
                    try row.int("frames_total"), try row.int("created_at"))
        }
    }
}
