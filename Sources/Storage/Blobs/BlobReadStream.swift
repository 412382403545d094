import Foundation

/// A stored blob opened for reading, in chunks. Close it when done (it also closes on deinit).
public final class BlobReadStream {
    /// The blob's size in bytes.
    public let size: Int64
    private let handle: FileHandle
    private let path: String

    /// Opens the file at `url`, which holds a blob of `size` bytes (a store's own file or cache
    /// entry; the stream keeps reading it even if the name is removed meanwhile).
    ///
    /// - Throws: `StorageError.blobIO` when the file cannot be opened.
    public init(url: URL, size: Int64) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw StorageError.blobIO(operation: "open", path: url.path, message: "\(error.localizedDescription)")
        }
        self.size = size
        path = url.path
    }

    deinit {
        try? handle.close()
    }

    /// The next bytes, at most `count`; empty at the end.
    public func read(upTo count: Int = BlobStoreDefaults.chunkSize) throws -> Data {
        do {
            return try handle.read(upToCount: count) ?? Data()
        } catch {
            throw StorageError.blobIO(operation: "read", path: path, message: "\(error.localizedDescription)")
        }
    }

    public func close() {
        try? handle.close()
    }
}
