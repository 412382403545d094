import Foundation
import Storage

/// The SQL that spans assets and filters: what an account stores. Portable.
enum ContentRecords {
    /// The bytes an account stores: every distinct blob its assets and filters use (identical
    /// uploads count once).
    static func storedBytes(account: String, in connection: any SQLConnection) throws -> Int64 {
        let row = try connection.queryOne("""
            SELECT COALESCE(SUM(size), 0) AS total FROM blobs WHERE sha256 IN (
                SELECT sha256 FROM assets WHERE account_id = ?1
                UNION SELECT style_sha256 FROM filters WHERE account_id = ?1
                UNION SELECT thumbnail_sha256 FROM filters WHERE account_id = ?1)
            """, account)
        return Int64(try row?.int("total") ?? 0)
    }

    /// Whether one of the account's assets or filters uses the blob.
    static func stores(_ key: BlobKey, account: String, in connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("""
            SELECT 1 AS found FROM assets WHERE account_id = ?1 AND sha256 = ?2
            UNION ALL
            SELECT 1 AS found FROM filters WHERE account_id = ?1 AND (style_sha256 = ?2 OR thumbnail_sha256 = ?2)
            LIMIT 1
            """, account, key.hex) != nil
    }
}
