import Foundation
import Storage

extension S3BlobStore {
    /// Bytes per ranged GET of a streamed range: large enough to keep the connection busy, small
    /// enough that a video's `Range` download never sits in memory.
    static let rangedChunkBytes: Int64 = 4 << 20

    /// A range of a blob that is not cached, read with one ranged GET per chunk as it is consumed.
    ///
    /// - Throws: `StorageError.blobNotFound`, `.blobIO` for a range outside the blob,
    ///   `.blobStoreUnavailable`, `.blobStoreRefused`.
    func rangedStream(_ key: BlobKey, range: Range<Int64>) throws -> BlobReadStream {
        guard let head = try head(key) else { throw StorageError.blobNotFound(key: key.hex) }
        guard range.lowerBound >= 0, range.upperBound <= head.size else {
            throw StorageError.blobIO(operation: "open", path: objectKey(key), message: "range \(range) is outside the \(head.size)-byte blob")
        }
        let reader = RangedReader(store: self, key: key, range: range)
        return BlobReadStream(key: key, size: head.size, range: range, read: reader.read, close: reader.close)
    }
}

/// The state of one streamed range: what was fetched and not yet handed out.
private final class RangedReader: @unchecked Sendable {
    private let store: S3BlobStore
    private let key: BlobKey
    private var next: Int64
    private let end: Int64
    private var buffer = Data()

    init(store: S3BlobStore, key: BlobKey, range: Range<Int64>) {
        self.store = store
        self.key = key
        next = range.lowerBound
        end = range.upperBound
    }

    func read(_ count: Int) throws -> Data {
        if buffer.isEmpty, next < end {
            let last = min(end, next + S3BlobStore.rangedChunkBytes) - 1
            buffer = try store.read(key, range: next...last)
            guard !buffer.isEmpty else {
                throw StorageError.blobIO(operation: "read", path: store.objectKey(key), message: "the ranged GET returned no bytes")
            }
            next = last + 1
        }
        let taken = buffer.prefix(count)
        buffer = buffer.dropFirst(taken.count)
        return Data(taken)
    }

    func close() {
        buffer = Data()
    }
}
