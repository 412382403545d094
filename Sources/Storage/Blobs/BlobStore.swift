import Foundation

/// Where blobs (uploads, thumbnails, results) live, named by the SHA-256 of their bytes.
///
/// Kept to what an S3-compatible object store offers — put a whole object, get it (or a range of
/// it), head, delete, list — so a second implementation over S3 can follow: no rename, no append,
/// no partial overwrite. A `put` is atomic: readers see the whole blob under its name or nothing.
/// Blobs are referenced by `BlobKey` everywhere outside the store: no local path leaves it except
/// for the length of a `withLocalFile` call.
///
/// Blobs carry no owner; which rows use a blob is tracked in SQLite (`BlobRegistry`).
public protocol BlobStore: Sendable {
    /// Streams `input` into the store, hashing as it goes. Bytes identical to a stored blob are
    /// not stored twice (the result has `created == false`).
    ///
    /// - Throws: `StorageError.diskFull` (nothing is left behind), `.blobIO`, or whatever the
    ///   input throws; in every case no blob appears under a real name.
    func put<Input: BlobInput>(_ input: inout Input) throws -> StoredBlob

    /// Stores the file at `url` without copying its bytes where the store can (a local store on
    /// the same file system gives the file its blob name as a hard link); otherwise like
    /// `put(contentsOf:)`. The caller may delete `url` afterwards but must never modify it.
    ///
    /// - Throws: as `put`.
    func put(adoptingFileAt url: URL) throws -> StoredBlob

    /// The blob's size and age, or nil when it is not stored.
    func head(_ key: BlobKey) throws -> BlobHead?

    /// Opens the blob for streaming: all of it, or only `range` (offsets into the blob, within
    /// its size), as a download with `Range` asks.
    ///
    /// - Throws: `StorageError.blobNotFound`, `.blobIO` (also for a range outside the blob).
    func open(_ key: BlobKey, range: Range<Int64>?) throws -> BlobReadStream

    /// Runs `body` with a local file holding the blob's bytes, for code that needs a path
    /// (decoders, probes). The file must not be modified, and it is only valid inside `body`:
    /// a local store passes the blob's own file, an object store a cached copy it may remove
    /// afterwards.
    ///
    /// - Throws: `StorageError.blobNotFound`, `.blobIO`, or what `body` throws.
    func withLocalFile<T>(_ key: BlobKey, _ body: (URL) throws -> T) throws -> T

    /// Removes the blob; removing a blob that is not there is not an error.
    func delete(_ key: BlobKey) throws

    /// Every stored blob (for sweeping blobs no database row knows).
    func list() throws -> [BlobHead]

    /// Removes the leftovers of puts that never finished (a killed process) older than `cutoff`;
    /// returns how many were removed.
    func removeAbandonedUploads(olderThan cutoff: Date) throws -> Int
}

extension BlobStore {
    /// Stores with a copy: stores that cannot adopt a file (object stores) stream it.
    public func put(adoptingFileAt url: URL) throws -> StoredBlob {
        try put(contentsOf: url)
    }

    /// Stores the file at `url`, streaming it.
    public func put(contentsOf url: URL) throws -> StoredBlob {
        var input = try FileBlobInput(url: url)
        defer { input.close() }
        return try put(&input)
    }

    /// Stores bytes already in memory.
    public func put(data: Data) throws -> StoredBlob {
        var input = DataBlobInput(data)
        return try put(&input)
    }

    /// Opens the whole blob for streaming.
    public func open(_ key: BlobKey) throws -> BlobReadStream {
        try open(key, range: nil)
    }

    /// Reads a whole blob into memory; for small blobs only (thumbnails).
    public func data(for key: BlobKey) throws -> Data {
        let stream = try open(key)
        defer { stream.close() }
        var data = Data()
        data.reserveCapacity(Int(stream.size))
        while true {
            let chunk = try stream.read()
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }
}
