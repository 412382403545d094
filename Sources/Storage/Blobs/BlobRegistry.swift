import Foundation

/// The database's knowledge of stored blobs: the `blobs` table (sha256, size, created_at) and
/// the `blob_references` view, which lists every column in the schema that names a blob
/// (assets, filters, the content of unfinished jobs, results kept by jobs alone). A blob with a
/// row in `blob_references` is never deleted; one without is deleted by `sweep` once its grace
/// period has passed.
///
/// Domain services store bytes with `store.put`, then in one write transaction call `record`
/// and insert the rows that reference the blob, so a blob is never referenced before it is
/// durable and never unreferenced by accident. The SQL is in `BlobRecords`.
public struct BlobRegistry: Sendable {
    public let database: any SQLDatabase
    public let store: any BlobStore

    public init(database: any SQLDatabase, store: any BlobStore) {
        self.database = database
        self.store = store
    }

    /// Records `blob` inside the caller's write transaction, after checking that its bytes are
    /// still stored: a sweep running between the caller's `put` (deduplicated against an old
    /// unreferenced blob) and this transaction may have deleted them.
    ///
    /// - Throws: `StorageError.blobNotFound` when the bytes vanished (put again and retry),
    ///   `.constraintViolation` when a row for the key records a different size.
    public func record(_ blob: StoredBlob, in connection: any SQLConnection, now: Date) throws {
        guard try store.head(blob.key) != nil else { throw StorageError.blobNotFound(key: blob.key.hex) }
        let size = try BlobRecords.insert(blob, now: now, connection)
        guard size == blob.size else {
            throw StorageError.constraintViolation(message: "blob \(blob.key.hex) is recorded with \(size ?? -1) bytes, not \(blob.size)")
        }
    }

    /// Records a blob the caller did not `put` itself (it names it by key, e.g. a job's content),
    /// unless it is recorded already.
    ///
    /// - Throws: `StorageError.blobNotFound` when it is not stored.
    public func recordExisting(_ key: BlobKey, in connection: any SQLConnection, now: Date) throws {
        guard try !BlobRecords.isRecorded(key, connection) else { return }
        guard let head = try store.head(key) else { throw StorageError.blobNotFound(key: key.hex) }
        try record(StoredBlob(key: key, size: head.size, created: false), in: connection, now: now)
    }

    /// Whether any row references the blob.
    public func isReferenced(_ key: BlobKey, in connection: any SQLConnection) throws -> Bool {
        try BlobRecords.isReferenced(key, connection)
    }

    /// Deletes the blobs among `stored` that the caller's puts created and no `blobs` row knows
    /// (after a failure: the transaction that would have recorded them did not commit). Best
    /// effort: what stays is found by the sweeper's orphan pass.
    public func removeUnrecorded(_ stored: [StoredBlob]) {
        let created = stored.filter(\.created)
        guard !created.isEmpty else { return }
        _ = try? database.writeTransaction { connection in
            for blob in created where try !BlobRecords.isRecorded(blob.key, connection) {
                try store.delete(blob.key)
            }
        }
    }
}
