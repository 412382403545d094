import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Blobs as objects `<prefix>/<sha256>` in an S3 bucket, with a local folder for spooling
/// uploads and caching downloads.
///
/// A put streams its input to `<local>/tmp/<random>.partial` while hashing, so the key is known
/// before the upload starts; the object is then PUT with `x-amz-content-sha256` set to the key
/// (S3 checks the body against it) and `If-None-Match: *`, so identical bytes are stored once
/// (`created == false`). Blobs larger than the part size go up as a multipart upload with each
/// part's SHA-256 signed; the object appears under its key only when the upload completes, so a
/// failed or killed put never leaves half a blob under a real name — at most an unfinished upload
/// that `removeAbandonedUploads` aborts.
///
/// Reads go through a content-addressed local cache (`BlobReadCache`): `withLocalFile` and a whole
/// `open` download into a temp file, verify it against the key, then rename it in, and read the
/// cached file (a download is then sent from its descriptor, without a copy). A range of a blob
/// that is not cached is streamed with ranged GETs instead, never fetching the whole object.
///
/// Errors are `StorageError`s: `.blobStoreUnavailable` (unreachable, timeouts, 5xx storms past the
/// retries), `.blobStoreRefused` (credentials, bucket, region), `.diskFull` (a full bucket quota
/// or local disk), `.blobNotFound`, `.blobIO`.
public struct S3BlobStore: BlobStore {
    public let client: S3Client
    /// The local folder holding `tmp/` (spooled uploads, downloads in progress) and `cache/`.
    public let localDirectory: URL
    let cache: BlobReadCache

    var configuration: S3Configuration { client.configuration }
    var temporaryFolder: URL { localDirectory.appendingPathComponent("tmp", isDirectory: true) }

    /// - Parameters:
    ///   - localDirectory: a folder on a local file system (usually `<data-dir>/blobs`); created
    ///     when missing.
    ///   - evictionGrace: seconds a cache entry handed out stays safe from eviction.
    /// - Throws: `StorageError.blobIO` when the local folders cannot be created.
    public init(configuration: S3Configuration, localDirectory: URL, evictionGrace: TimeInterval = 30) throws {
        client = S3Client(configuration: configuration)
        self.localDirectory = localDirectory
        do {
            try FileManager.default.createDirectory(at: localDirectory.appendingPathComponent("tmp", isDirectory: true), withIntermediateDirectories: true)
        } catch {
            throw StorageError.blobIO(operation: "create folder", path: localDirectory.path, message: error.localizedDescription)
        }
        cache = try BlobReadCache(directory: localDirectory.appendingPathComponent("cache", isDirectory: true),
                                  capacity: configuration.cacheBytes, evictionGrace: evictionGrace)
    }

    /// Checks that the bucket exists and the credentials, region and permissions work, with a
    /// one-key listing: for start-up, so a misconfiguration stops the server with one sentence.
    ///
    /// - Throws: `StorageError.blobStoreRefused` or `.blobStoreUnavailable`.
    public func checkAccess() throws {
        try translating { _ = try client.listObjects(prefix: configuration.keyPrefix, maxKeys: 1) }
    }

    public func put<Input: BlobInput>(_ input: inout Input) throws -> StoredBlob {
        let file = temporaryFolder.appendingPathComponent("\(UUID().uuidString).partial")
        let spooled = try SpooledBlob.spool(&input, to: file, partSize: configuration.partSize)
        defer { unlink(file.path) }
        let created = try upload(spooled)
        // The bytes are verified (we hashed them) and likely read soon: keep them, for free.
        _ = try? cache.insert(verifiedFile: file, key: spooled.key, size: spooled.size)
        return StoredBlob(key: spooled.key, size: spooled.size, created: created)
    }

    /// Uploads the file straight from where it is (hashed once, read twice, never copied) and
    /// hard-links it into the cache where the file systems allow.
    public func put(adoptingFileAt url: URL) throws -> StoredBlob {
        let spooled = try SpooledBlob.hashing(file: url, partSize: configuration.partSize)
        let created = try upload(spooled)
        cache.link(verifiedFile: url, key: spooled.key, size: spooled.size)
        return StoredBlob(key: spooled.key, size: spooled.size, created: created)
    }

    public func head(_ key: BlobKey) throws -> BlobHead? {
        try translating {
            try client.headObject(key: objectKey(key)).map { BlobHead(key: key, size: $0.size, modified: $0.modified) }
        }
    }

    public func open(_ key: BlobKey, range: Range<Int64>?) throws -> BlobReadStream {
        if let cached = cache.lookup(key) { return try BlobReadStream(key: key, file: cached, range: range) }
        guard let range else { return try BlobReadStream(key: key, file: try download(key)) }
        return try rangedStream(key, range: range)
    }

    /// The cached copy (downloaded and verified first when missing). It stays at least
    /// `evictionGrace` seconds; a file a decoder already opened stays readable after eviction.
    public func withLocalFile<T>(_ key: BlobKey, _ body: (URL) throws -> T) throws -> T {
        try body(cache.lookup(key) ?? download(key))
    }

    public func delete(_ key: BlobKey) throws {
        try translating { try client.deleteObject(key: objectKey(key)) }
        cache.remove(key)
    }

    public func list() throws -> [BlobHead] {
        let prefix = configuration.keyPrefix
        return try translating {
            try client.listAllObjects(prefix: prefix).compactMap { object in
                // Only `<prefix>/<sha256>` names are blobs; anything else in the bucket is not ours.
                guard let key = try? BlobKey(hex: String(object.key.dropFirst(prefix.count))) else { return nil }
                return BlobHead(key: key, size: object.size, modified: object.modified)
            }
        }
    }

    /// Bytes `range` of a blob (inclusive offsets) with one ranged GET, without caching the
    /// whole blob: for serving a `Range` request of a large video that is not cached.
    ///
    /// - Throws: `StorageError.blobNotFound`, `.blobStoreUnavailable`, `.blobStoreRefused`.
    public func read(_ key: BlobKey, range: ClosedRange<Int64>) throws -> Data {
        try translating { try client.getObjectData(key: objectKey(key), range: range) }
    }

    func objectKey(_ key: BlobKey) -> String {
        configuration.objectKey(forHex: key.hex)
    }

    /// Runs `body`, turning `S3Error` into the `StorageError` the rest of Stylify understands.
    func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as S3Error {
            throw error.storageError(location: configuration.location)
        }
    }
}
