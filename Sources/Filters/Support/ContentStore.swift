import Common
import Foundation
import Quotas
import Storage

/// What assets and filters share: the database, the blob store with its registry, the quota
/// service and the clock, plus the one way of storing blobs together with the rows that use them.
/// The SQL is in `AssetRecords`, `FilterRecords` and `ContentRecords`.
struct ContentStore: Sendable {
    let database: any SQLDatabase
    let registry: BlobRegistry
    let quotas: QuotaService
    let clock: any Clock

    var blobs: any BlobStore { registry.store }

    /// Bytes to store.
    enum Source {
        case file(URL)
        /// A spooled upload nobody modifies afterwards: adopted without a copy where possible.
        case upload(URL)
        case data(Data)
    }

    /// Puts `sources` into the blob store, then in one write transaction records them and runs
    /// `commit` to insert the rows that reference them. When `commit` (or anything) fails, the
    /// blobs this call created are removed again unless another row uses them, so a refused
    /// request stores nothing. Retried once when a sweep removed a deduplicated blob meanwhile.
    ///
    /// - Parameter account: the account whose allowances `commit` checks (custom filters, stored
    ///   bytes); its row is locked first (`AccountLock`), so the count `commit` reads stays true
    ///   until it inserts, on every engine. Nil for the gallery, which has no allowance.
    func store<T>(_ sources: [Source], account: String?, commit: (any SQLConnection, [StoredBlob], Date) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            var stored: [StoredBlob] = []
            do {
                for source in sources {
                    switch source {
                    case .file(let url): stored.append(try blobs.put(contentsOf: url))
                    case .upload(let url): stored.append(try blobs.put(adoptingFileAt: url))
                    case .data(let data): stored.append(try blobs.put(data: data))
                    }
                }
                return try database.writeTransaction { connection in
                    if let account { try AccountLock.acquire(account, in: connection) }
                    let now = clock.now
                    for blob in stored { try registry.record(blob, in: connection, now: now) }
                    return try commit(connection, stored, now)
                }
            } catch StorageError.blobNotFound where attempt == 1 {
                continue
            } catch {
                registry.removeUnrecorded(stored)
                throw error
            }
        }
    }

    /// Deletes the blobs among `stored` that this request created and no `blobs` row knows.
    func removeUnrecorded(_ stored: [StoredBlob]) {
        registry.removeUnrecorded(stored)
    }

    /// The bytes an account stores: every distinct blob its assets and filters use (identical
    /// uploads count once).
    func storedBytes(account: String, in connection: any SQLConnection) throws -> Int64 {
        try ContentRecords.storedBytes(account: account, in: connection)
    }

    /// Refuses storing `file` (of `bytes`) when the account's stored bytes would pass its limit.
    /// Bytes the account already stores (the same file uploaded again) add nothing; the file is
    /// hashed only when the plain check fails, so the common case reads it once.
    func checkStoredBytes(account: String, file: URL, bytes: Int64) throws {
        let current = try database.readTransaction { try storedBytes(account: account, in: $0) }
        do {
            try quotas.checkStoredBytes(account: account, current: current, adding: bytes)
        } catch let refusal as QuotaError {
            let key = try BlobKey(hex: try SHA256Hasher.hex(ofFile: file))
            guard try database.readTransaction({ try ContentRecords.stores(key, account: account, in: $0) }) else { throw refusal }
        }
    }

    /// The bytes storing `blob` adds to the account's total: none when it stores them already.
    func addedBytes(_ blob: StoredBlob, account: String, in connection: any SQLConnection) throws -> Int64 {
        try ContentRecords.stores(blob.key, account: account, in: connection) ? 0 : blob.size
    }

    /// The size of a file the caller handed in (an upload spooled to disk).
    func fileSize(_ url: URL) throws -> Int64 {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw FiltersError.internalFailure("cannot read the uploaded file: \(error.localizedDescription)")
        }
    }
}
