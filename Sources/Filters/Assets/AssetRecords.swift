import Foundation
import Storage

/// The SQL of the `assets` table.
enum AssetRecords {
    static let columns = """
        id, account_id, kind, media_type, name, width, height, frames, duration_s, bytes, sha256, created_at, expires_at, source_job_id
        """

    static func insert(_ asset: Asset, in connection: Connection) throws {
        try connection.run("""
            INSERT INTO assets (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            asset.id.rawValue, asset.accountID, asset.kind.rawValue, asset.mediaType, asset.name,
            asset.width, asset.height, asset.frames, asset.durationSeconds, asset.bytes, asset.sha256,
            asset.createdAt, asset.expiresAt, asset.stylizationID)
    }

    /// The account's asset if it is visible: not deleted and not expired, or still pinned by
    /// `holder` (a job may finish with content its owner deleted meanwhile).
    static func find(_ id: AssetID, account: String, now: Date, holder: String?, in connection: Connection) throws -> Asset? {
        try connection.queryOne("""
            SELECT \(columns) FROM assets a
            WHERE id = ?1 AND account_id = ?2
              AND ((deleted_at IS NULL AND expires_at > ?3)
                   OR EXISTS (SELECT 1 FROM asset_pins p WHERE p.asset_id = a.id AND p.holder = ?4 AND p.expires_at > ?3))
            """, id.rawValue, account, now, holder).map(decode)
    }

    static func decode(_ row: Row) throws -> Asset {
        guard let kind = AssetKind(rawValue: try row.string("kind")) else {
            throw StorageError.typeMismatch(column: "kind", expected: "image or video", found: try row.string("kind"))
        }
        return Asset(
            id: AssetID(trusted: try row.string("id")),
            accountID: try row.string("account_id"),
            kind: kind,
            mediaType: try row.string("media_type"),
            name: try row.optionalString("name"),
            width: try row.int("width"),
            height: try row.int("height"),
            frames: try row.int("frames"),
            durationSeconds: try row.isNull("duration_s") ? nil : try row.double("duration_s"),
            bytes: Int64(try row.int("bytes")),
            sha256: try row.string("sha256"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"),
            stylizationID: try row.optionalString("source_job_id"))
    }
}
