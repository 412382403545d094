import Foundation

/// The database's knowledge of stored blobs: the `blobs` table (sha256, size, created_at) and
/// the `blob_references` view, which lists every column in the schema that names a blob
/// (assets, filters, and later results). A blob with a row in `blob_references` is never
/// deleted; one without is deleted by `sweep` once its grace period has passed.
///
/// Domain services store bytes with `store.put`, then in one write transaction call `record`
/// and insert the rows that reference the blob, so a blob is never referenced before it is
/// durable and never unreferenced by accident.
public struct BlobRegistry: Sendable {
    public let database: Database
    public let store: any BlobStore

    public init(database: Database, store: any BlobStore) {
        self.database = database
        self.store = store
    }

    /// Records `blob` inside the caller's write transaction, after checking that its bytes are
    /// still stored: a sweep running between the caller's `put` (deduplicated against an old
    /// unreferenced blob) and this transaction may have deleted them.
    ///
    /// - Throws: `StorageError.blobNotFound` when the bytes vanished (put again and retry),
    ///   `.constraintViolation` when a row for the key records a different size.
    public func record(_ blob: StoredBlob, in connection: Connection, now: Date) throws {
        guard try store.head(blob.key) != nil else { throw StorageError.blobNotFound(key: blob.key.hex) }
        try connection.run(
            "INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            blob.key.hex, blob.size, now)
        let size = try connection.queryOne("SELECT size FROM blobs WHERE sha256 = ?", blob.key.hex)?.int("size")
        guard size.map(Int64.init) == blob.size else {
            throw StorageError.constraintViolation(message: "blob \(blob.key.hex) is recorded with \(size ?? -1) bytes, not \(blob.size)")
        }
    }

    /// Whether any row references the blob.
    public func isReferenced(_ key: BlobKey, in connection: Connection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM blob_references WHERE sha256 = ? LIMIT 1", key.hex) != nil
    }
}
