import Foundation
import Inference
import Storage

/// The SQL of the jobs tables, on a connection the caller holds (read or write transaction).
/// Every write a worker makes names its claim token, so a worker that lost its job (canceled,
/// or re-queued after its lease passed) can never overwrite what happened since.
///
/// All of it is portable SQL (the same text runs on PostgreSQL): optional filters are separate
/// statements rather than `?N IS NULL OR …` (an untyped parameter there), the new row's `seq`
/// comes back with `RETURNING` (not `lastInsertRowID`), `preserve_color` is bound as 0/1. What
/// the two engines do differently is the claim's locking, see `JobRecords+Worker.swift`.
enum JobRecords {
    static let columns = """
        seq, id, account_id, kind, status, priority, model, content_sha256, strength, preserve_color, max_side,
        format, quality, reservation_id, frames_total, frames_done, attempts, created_at, started_at,
        finished_at, queue_ms, decode_ms, inference_ms, encode_ms, result_sha256, result_bytes, result_media_type,
        result_width, result_height, result_frames, result_asset_id, error_code, error_title, error_detail,
        temporal_smoothing, mask_sha256, mask_white_strength, mask_black_strength
        """

    /// The fields of a new job, decided at submission.
    struct NewJob {
        let id: JobID
        let account: String
        let kind: JobKind
        let priority: Int
        let content: BlobKey
        let options: JobOptions
        let styles: [WeightedStyle]
        let maskStyles: MaskStyles?
        let reservationID: String
        let frames: Int
        let createdAt: Int64
    }

    static func insert(_ job: NewJob, _ connection: any SQLConnection) throws {
        let row = try connection.queryOne("""
            INSERT INTO jobs (id, account_id, kind, status, priority, model, content_sha256, strength, preserve_color,
                              max_side, format, quality, reservation_id, frames_total, created_at, temporal_smoothing,
                              mask_sha256, mask_white_strength, mask_black_strength)
            VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING seq
            """, job.id.rawValue, job.account, job.kind.rawValue, job.priority, job.options.model.rawValue, job.content.hex,
            Double(job.options.strength), job.options.preserveColor ? 1 : 0, job.options.maxSide,
            job.options.format.rawValue, job.options.quality, job.reservationID, job.frames, job.createdAt,
            Double(job.options.temporalSmoothing), job.options.mask?.key.hex, job.options.mask.map { Double($0.whiteStrength) },
            job.options.mask.map { Double($0.blackStrength) })
        guard let seq = try row?.int("seq") else {
            throw StorageError.constraintViolation(message: "job \(job.id.rawValue) was not inserted")
        }
        // Positions run on across the regions: (job_seq, position) is the key.
        let tagged = job.styles.map { ("all", $0) } + (job.maskStyles.map { mask in
            mask.white.map { ("white", $0) } + mask.black.map { ("black", $0) }
        } ?? [])
        for (position, (region, style)) in tagged.enumerated() {
            try connection.run("INSERT INTO job_styles (job_seq, position, weight, code, region) VALUES (?, ?, ?, ?, ?)",
                               seq, position, Double(style.weight), style.code.serialized(), region)
        }
    }

    /// The job with `id`, only if `account` owns it (nil account: any owner).
    static func job(_ id: JobID, account: String?, _ connection: any SQLConnection) throws -> Job? {
        let row = try account.map {
            try connection.queryOne("SELECT \(columns) FROM jobs WHERE id = ? AND account_id = ?", id.rawValue, $0)
        } ?? connection.queryOne("SELECT \(columns) FROM jobs WHERE id = ?", id.rawValue)
        return try row.map(job(from:))
    }

    /// The account's jobs, newest first, after the job `startingAfter` (which must be the
    /// account's, else the list is empty).
    static func list(account: String, limit: Int, startingAfter: JobID?, _ connection: any SQLConnection) throws -> [Job] {
        let rows: [Row]
        if let startingAfter {
            rows = try connection.query("""
                SELECT \(columns) FROM jobs
                WHERE account_id = ?1 AND seq < (SELECT seq FROM jobs WHERE id = ?2 AND account_id = ?1)
                ORDER BY seq DESC LIMIT ?3
                """, account, startingAfter.rawValue, limit)
        } else {
            rows = try connection.query(
                "SELECT \(columns) FROM jobs WHERE account_id = ? ORDER BY seq DESC LIMIT ?", account, limit)
        }
        return try rows.map(job(from:))
    }

    /// The job's mix over the whole content (empty for a masked job).
    static func styles(of id: JobID, _ connection: any SQLConnection) throws -> [WeightedStyle] {
        try styles(of: id, region: "all", connection)
    }

    /// A masked job's styles per region; nil when the job has none.
    static func maskStyles(of id: JobID, _ connection: any SQLConnection) throws -> MaskStyles? {
        let white = try styles(of: id, region: "white", connection)
        let black = try styles(of: id, region: "black", connection)
        return white.isEmpty && black.isEmpty ? nil : MaskStyles(white: white, black: black)
    }

    private static func styles(of id: JobID, region: String, _ connection: any SQLConnection) throws -> [WeightedStyle] {
        try connection.query("""
            SELECT s.weight, s.code FROM job_styles s JOIN jobs j ON j.seq = s.job_seq
            WHERE j.id = ? AND s.region = ? ORDER BY s.position
            """, id.rawValue, region).map { row in
            WeightedStyle(code: try StyleCode(serialized: Data(try row.blob("code"))), weight: Float(try row.double("weight")))
        }
    }

    /// Jobs by status (every account).
    static func countsByStatus(_ connection: any SQLConnection) throws -> [JobStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
        for row in try connection.query("SELECT status, count(*) AS n FROM jobs GROUP BY status") {
            if let status = JobStatus(rawValue: try row.string("status")) { counts[status] = try row.int("n") }
        }
        return counts
    }

    static func job(from row: Row) throws -> Job {
        let createdAt = try row.int("created_at")
        let startedAt = try row.optionalInt("started_at")
        let finishedAt = try row.optionalInt("finished_at")
        let format = try enumValue(OutputFormat.self, row, "format")
        let options = JobOptions(
            strength: Float(try row.double("strength")), preserveColor: try row.bool("preserve_color"),
            maxSide: try row.optionalInt("max_side"), format: format, quality: try row.optionalInt("quality"),
            model: try enumValue(ModelKind.self, row, "model"),
            temporalSmoothing: Float(try row.double("temporal_smoothing")), mask: try maskOptions(from: row))
        var result: JobResult? = nil
        if let key = try row.optionalString("result_sha256") {
            result = JobResult(
                key: try BlobKey(hex: key), bytes: Int64(try row.int("result_bytes")),
                mediaType: try row.string("result_media_type"), width: try row.int("result_width"),
                height: try row.int("result_height"), frames: try row.int("result_frames"),
                assetID: try row.optionalString("result_asset_id"))
        }
        var problem: JobProblem? = nil
        if let code = try row.optionalString("error_code") {
            problem = JobProblem(code: code, title: try row.string("error_title"), detail: try row.string("error_detail"))
        }
        return Job(
            id: JobID(rawValue: try row.string("id")), account: try row.string("account_id"),
            kind: try enumValue(JobKind.self, row, "kind"), status: try enumValue(JobStatus.self, row, "status"),
            priority: try row.int("priority"), content: try row.optionalString("content_sha256").map(BlobKey.init(hex:)),
            options: options, progress: JobProgress(done: try row.int("frames_done"), total: try row.int("frames_total")),
            timings: JobTimings(
                queueMilliseconds: try row.optionalInt("queue_ms"), decodeMilliseconds: try row.optionalInt("decode_ms"),
                inferenceMilliseconds: try row.optionalInt("inference_ms"), encodeMilliseconds: try row.optionalInt("encode_ms")),
            result: result, problem: problem, reservationID: try row.string("reservation_id"),
            attempts: try row.int("attempts"), createdAt: date(createdAt), startedAt: startedAt.map(date),
            finishedAt: finishedAt.map(date))
    }

    private static func maskOptions(from row: Row) throws -> MaskOptions? {
        guard let key = try row.optionalString("mask_sha256") else { return nil }
        return MaskOptions(key: try BlobKey(hex: key), whiteStrength: Float(try row.double("mask_white_strength")),
                           blackStrength: Float(try row.double("mask_black_strength")))
    }

    private static func enumValue<T: RawRepresentable>(_ type: T.Type, _ row: Row, _ column: String) throws -> T where T.RawValue == String {
        let text = try row.string(column)
        guard let value = T(rawValue: text) else {
            throw StorageError.typeMismatch(column: column, expected: String(describing: T.self), found: text)
        }
        return value
    }

    static func date(_ milliseconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
