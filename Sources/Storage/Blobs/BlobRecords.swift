import Foundation

/// The SQL of the `blobs` table and the `blob_references` view (portable: the same statements
/// run on PostgreSQL), on a connection the caller holds.
enum BlobRecords {
    /// Inserts the blob's row unless one exists; returns the size recorded for its key.
    static func insert(_ blob: StoredBlob, now: Date, _ connection: any SQLConnection) throws -> Int64? {
        try connection.run(
            "INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            blob.key.hex, blob.size, now)
        return try connection.queryOne("SELECT size FROM blobs WHERE sha256 = ?", blob.key.hex).map { Int64(try $0.int("size")) }
    }

    static func isRecorded(_ key: BlobKey, _ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM blobs WHERE sha256 = ?", key.hex) != nil
    }

    static func isReferenced(_ key: BlobKey, _ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM blob_references WHERE sha256 = ? LIMIT 1", key.hex) != nil
    }

    /// Recorded blobs after `after` in key order, created before `cutoff`, that nothing references.
    static func unreferenced(after: String, createdBefore cutoff: Date, limit: Int,
                             _ connection: any SQLConnection) throws -> [(key: BlobKey, size: Int64)] {
        try connection.query("""
            SELECT sha256, size FROM blobs b
            WHERE sha256 > ? AND created_at < ?
              AND NOT EXISTS (SELECT 1 FROM blob_references r WHERE r.sha256 = b.sha256)
            ORDER BY sha256 LIMIT ?
            """, after, cutoff, limit).map { (try BlobKey(hex: try $0.string("sha256")), Int64(try $0.int("size"))) }
    }

    static func delete(_ key: BlobKey, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM blobs WHERE sha256 = ?", key.hex)
    }
}
