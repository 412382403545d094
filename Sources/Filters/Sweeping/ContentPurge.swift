import Foundation
import Storage

/// Removes rows that are deleted or expired and no longer pinned. Their blobs become
/// unreferenced and go with the blob sweep after its grace period.
enum ContentPurge {
    /// Assets deleted or past `expires_at` with no live pin; `only` restricts it to one id.
    static func assets(in connection: Connection, now: Date, only id: String?) throws -> Int {
        try connection.run("""
            DELETE FROM assets
            WHERE (?2 IS NULL OR id = ?2)
              AND (deleted_at IS NOT NULL OR expires_at <= ?1)
              AND NOT EXISTS (SELECT 1 FROM asset_pins p WHERE p.asset_id = assets.id AND p.expires_at > ?1)
            """, now, id)
    }

    /// Filters deleted by their owner with no live pin; `only` restricts it to one id.
    static func filters(in connection: Connection, now: Date, only id: String?) throws -> Int {
        try connection.run("""
            DELETE FROM filters
            WHERE (?2 IS NULL OR id = ?2)
              AND deleted_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM filter_pins p WHERE p.filter_id = filters.id AND p.expires_at > ?1)
            """, now, id)
    }

    /// Pins whose lease has passed (their job died without unpinning).
    static func expiredPins(in connection: Connection, now: Date) throws -> Int {
        try connection.run("DELETE FROM asset_pins WHERE expires_at <= ?", now)
            + connection.run("DELETE FROM filter_pins WHERE expires_at <= ?", now)
    }
}
