import Foundation
import Storage

/// The SQL of the `assets` and `asset_pins` tables, on a connection the caller holds. Portable
/// (the same statements run on PostgreSQL): optional filters are separate statements, not
/// `?N IS NULL OR …`.
enum AssetRecords {
    static let columns = """
        id, account_id, kind, media_type, name, width, height, frames, duration_s, bytes, sha256, created_at, expires_at, source_job_id
        """

    static func insert(_ asset: Asset, in connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO assets (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            asset.id.rawValue, asset.accountID, asset.kind.rawValue, asset.mediaType, asset.name,
            asset.width, asset.height, asset.frames, asset.durationSeconds, asset.bytes, asset.sha256,
            asset.createdAt, asset.expiresAt, asset.stylizationID)
    }

    /// The account's asset if it is visible: not deleted and not expired, or still pinned by
    /// `holder` (a job may finish with content its owner deleted meanwhile).
    static func find(_ id: AssetID, account: String, now: Date, holder: String?, in connection: any SQLConnection) throws -> Asset? {
        guard let holder else {
            return try connection.queryOne("""
                SELECT \(columns) FROM assets
                WHERE id = ?1 AND account_id = ?2 AND deleted_at IS NULL AND expires_at > ?3
                """, id.rawValue, account, now).map(decode)
        }
        return try connection.queryOne("""
            SELECT \(columns) FROM assets a
            WHERE id = ?1 AND account_id = ?2
              AND ((deleted_at IS NULL AND expires_at > ?3)
                   OR EXISTS (SELECT 1 FROM asset_pins p WHERE p.asset_id = a.id AND p.holder = ?4 AND p.expires_at > ?3))
            """, id.rawValue, account, now, holder).map(decode)
    }

    /// Those of `ids` that are the account's and still available (not deleted, not expired).
    static func available(_ ids: [AssetID], account: String, now: Date, in connection: any SQLConnection) throws -> [Asset] {
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let parameters: [any SQLBindable] = [account, now] + ids.map { $0.rawValue as any SQLBindable }
        return try connection.query("""
            SELECT \(columns) FROM assets
            WHERE account_id = ? AND deleted_at IS NULL AND expires_at > ? AND id IN (\(placeholders))
            """, parameters: parameters).map(decode)
    }

    /// Up to `limit` of the account's available assets, newest first, after `after` (the
    /// `created_at` and id of the previous page's last asset).
    static func page(account: String, now: Date, after: (createdAt: Date, id: String)?, limit: Int,
                     in connection: any SQLConnection) throws -> [Asset] {
        guard let after else {
            return try connection.query("""
                SELECT \(columns) FROM assets
                WHERE account_id = ?1 AND deleted_at IS NULL AND expires_at > ?2
                ORDER BY created_at DESC, id DESC LIMIT ?3
                """, account, now, limit).map(decode)
        }
        return try connection.query("""
            SELECT \(columns) FROM assets
            WHERE account_id = ?1 AND deleted_at IS NULL AND expires_at > ?2
              AND (created_at < ?3 OR (created_at = ?3 AND id < ?4))
            ORDER BY created_at DESC, id DESC LIMIT ?5
            """, account, now, after.createdAt, after.id, limit).map(decode)
    }

    /// Marks a visible asset of the account deleted; false when there is none.
    static func markDeleted(_ id: AssetID, account: String, now: Date, in connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE assets SET deleted_at = ?3
            WHERE id = ?1 AND account_id = ?2 AND deleted_at IS NULL AND expires_at > ?3
            """, id.rawValue, account, now) == 1
    }

    /// Pins the asset for `holder` until `until`, or moves an existing pin's expiry.
    static func pin(_ id: AssetID, holder: String, until: Date, in connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO asset_pins (asset_id, holder, expires_at) VALUES (?, ?, ?)
            ON CONFLICT (asset_id, holder) DO UPDATE SET expires_at = excluded.expires_at
            """, id.rawValue, holder, until)
    }

    static func unpin(holder: String, in connection: any SQLConnection) throws {
        try connection.run("DELETE FROM asset_pins WHERE holder = ?", holder)
    }

    /// Removes assets deleted or past `expires_at` with no live pin (all, or only `id`); their
    /// blobs become unreferenced and go with the blob sweep after its grace period.
    @discardableResult
    static func purge(now: Date, only id: AssetID? = nil, in connection: any SQLConnection) throws -> Int {
        let purge = """
            DELETE FROM assets
            WHERE (deleted_at IS NOT NULL OR expires_at <= ?1)
              AND NOT EXISTS (SELECT 1 FROM asset_pins p WHERE p.asset_id = assets.id AND p.expires_at > ?1)
            """
        guard let id else { return try connection.run(purge, now) }
        return try connection.run(purge + " AND id = ?2", now, id.rawValue)
    }

    /// Pins whose lease has passed (their job died without unpinning).
    static func removeExpiredPins(now: Date, in connection: any SQLConnection) throws -> Int {
        try connection.run("DELETE FROM asset_pins WHERE expires_at <= ?", now)
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
