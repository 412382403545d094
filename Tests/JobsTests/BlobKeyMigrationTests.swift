import Foundation
import Jobs
import Storage
import TestSupport
import XCTest

/// `Schema/0008_blob_keys.sql` on a database written by the versions before it: local paths in
/// `jobs` become blob keys, and what cannot be converted ends cleanly.
final class BlobKeyMigrationTests: JobsTestCase {
    private let content = String(repeating: "ab12", count: 16)
    private let result = String(repeating: "cd34", count: 16)

    func testPathsBecomeBlobKeysAndUnconvertibleJobsEndCleanly() throws {
        let schema = directory.appendingPathComponent("Schema")
        try FileManager.default.createDirectory(at: schema, withIntermediateDirectories: true)
        let repository = Fixtures.repositoryRoot.appendingPathComponent("Schema")
        for name in try FileManager.default.contentsOfDirectory(atPath: repository.path) where name < "0008" {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: schema.appendingPathComponent(name))
        }
        let url = directory.appendingPathComponent("old.sqlite")
        do {
            let old = try Database(url: url, configuration: .init(schemaDirectory: schema))
            try old.write { connection in
                try connection.run("INSERT INTO accounts (id, plan, created_at, updated_at) VALUES ('acct_old', 'premium', 0, 0)")
                for reservation in ["rsv_a", "rsv_b", "rsv_c", "rsv_d"] {
                    try connection.run("""
                        INSERT INTO frame_reservations (id, account_id, period, frames, state, created_at, expires_at)
                        VALUES (?, 'acct_old', '2026-12', 1, ?, 0, 4102444800)
                        """, reservation, reservation == "rsv_c" || reservation == "rsv_d" ? "committed" : "held")
                }
                let blobPath = { (key: String) in "/srv/data/blobs/\(key.prefix(2))/\(key.dropFirst(2).prefix(2))/\(key)" }
                let rows: [(String, String, String, String?, String?)] = [
                    ("sty_queued", "queued", blobPath(content), nil, nil),
                    ("sty_stranger", "queued", "/tmp/photo.jpg", nil, nil),
                    ("sty_published", "succeeded", blobPath(content), blobPath(result), "ast_result"),
                    ("sty_plainfile", "succeeded", blobPath(content), "/srv/data/results/sty_plainfile-1.png", nil),
                ]
                for (index, row) in rows.enumerated() {
                    try connection.run("""
                        INSERT INTO jobs (id, account_id, kind, status, model, content_path, strength, preserve_color, format,
                                          reservation_id, frames_total, created_at, result_path, result_bytes, result_media_type,
                                          result_width, result_height, result_frames, result_asset_id)
                        VALUES (?, 'acct_old', 'image', ?, 'microast', ?, 1, 0, 'png', ?, 1, 1000, ?, ?, ?, ?, ?, ?, ?)
                        """, row.0, row.1, row.2, ["rsv_a", "rsv_b", "rsv_c", "rsv_d"][index], row.3,
                        row.3 == nil ? nil : 1234, row.3 == nil ? nil : "image/png", row.3 == nil ? nil : 64,
                        row.3 == nil ? nil : 48, row.3 == nil ? nil : 1, row.4)
                }
            }
        }
        // 0008 and the migrations after it (the service reads today's columns).
        let later = try FileManager.default.contentsOfDirectory(atPath: repository.path).filter { $0 >= "0008" && $0.hasSuffix(".sql") }.sorted()
        for name in later {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: schema.appendingPathComponent(name))
        }
        let migrated = try Database(url: url, configuration: .init(schemaDirectory: schema))
        XCTAssertEqual(migrated.newlyAppliedMigrations.map(\.version), later.map { Int($0.prefix(4))! })
        XCTAssertEqual(migrated.newlyAppliedMigrations.first?.version, 8)
        let service = try makeService(database: migrated)

        let queued = try service.get(JobID(rawValue: "sty_queued"), account: "acct_old")
        XCTAssertEqual(queued.status, .queued)
        XCTAssertEqual(queued.content?.hex, content)
        XCTAssertEqual(queued.options.temporalSmoothing, 0, "jobs from before 0012 rendered frame by frame")
        XCTAssertNil(queued.options.mask)

        let stranger = try service.get(JobID(rawValue: "sty_stranger"), account: "acct_old")
        XCTAssertEqual(stranger.status, .failed, "its content is no blob: it cannot run any more")
        XCTAssertNil(stranger.content)
        XCTAssertEqual(stranger.problem?.code, "invalid_content")
        XCTAssertNotNil(stranger.finishedAt)

        let published = try service.get(JobID(rawValue: "sty_published"), account: "acct_old")
        XCTAssertEqual(published.result?.key.hex, result)
        XCTAssertEqual(published.result?.assetID, "ast_result")
        XCTAssertEqual(published.result?.bytes, 1234)

        let plain = try service.get(JobID(rawValue: "sty_plainfile"), account: "acct_old")
        XCTAssertEqual(plain.status, .succeeded)
        XCTAssertNil(plain.result, "a result kept outside the blob store is not carried over")

        try migrated.read { connection in
            let states = try connection.query("SELECT id, state FROM frame_reservations ORDER BY id").map {
                [try $0.string("id"), try $0.string("state")]
            }
            XCTAssertEqual(states, [["rsv_a", "held"], ["rsv_b", "released"], ["rsv_c", "committed"], ["rsv_d", "committed"]])
            let referenced = Set(try connection.query("SELECT sha256 FROM blob_references").map { try $0.string("sha256") })
            XCTAssertEqual(referenced, [content], "an unfinished job's content is referenced; a published result by its asset only")
            let columns = try connection.query("SELECT name FROM pragma_table_info('jobs')").map { try $0.string("name") }
            XCTAssertFalse(columns.contains("content_path"))
            XCTAssertFalse(columns.contains("result_path"))
        }
    }
}
