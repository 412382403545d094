import Foundation
import Glibc

/// A stored blob opened for reading: the bytes of `range` (the whole blob unless a range was
/// asked for), in chunks. Close it when done (it also closes on deinit). Used by one thread at a
/// time.
///
/// A store that keeps blobs in local files reads through an open descriptor and offers a copy of
/// it (`duplicateLocalDescriptor()`) to callers that can send the bytes without copying them
/// (`sendfile`); no path ever leaves the store. Other stores (an object store streaming a ranged
/// GET) hand in a reader instead.
public final class BlobReadStream: @unchecked Sendable {
    /// The blob.
    public let key: BlobKey
    /// The whole blob's size in bytes.
    public let size: Int64
    /// The bytes this stream yields, as offsets into the blob.
    public let range: Range<Int64>
    private var source: Source
    /// The blob offset `read` continues at.
    private var position: Int64

    private enum Source {
        /// A local file; `path` only names it in error messages.
        case file(descriptor: Int32, path: String)
        case reader(read: (Int) throws -> Data, close: () -> Void)
        case closed
    }

    /// A stream over bytes that come from elsewhere (an object store).
    ///
    /// - Parameters:
    ///   - read: the next bytes of `range`, at most the count asked for; empty at its end.
    ///   - close: releases what `read` holds (a connection); called once.
    public init(key: BlobKey, size: Int64, range: Range<Int64>,
                read: @escaping (Int) throws -> Data, close: @escaping () -> Void) {
        self.key = key
        self.size = size
        self.range = range
        position = range.lowerBound
        source = .reader(read: read, close: close)
    }

    /// A stream over a local file holding the blob (a store's own file or cache entry), which it
    /// opens: it keeps reading it even if the name is removed meanwhile.
    ///
    /// - Throws: `StorageError.blobNotFound` when the file is gone, `.blobIO` otherwise (also for
    ///   a range outside the file).
    public init(key: BlobKey, file url: URL, range: Range<Int64>? = nil) throws {
        let path = url.path
        var descriptor: Int32
        repeat {
            descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            if errno == ENOENT { throw StorageError.blobNotFound(key: key.hex) }
            throw PosixFile.error("open", path)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = PosixFile.error("stat", path)
            _ = Glibc.close(descriptor)
            throw error
        }
        let size = Int64(info.st_size)
        let range = range ?? 0..<size
        guard range.lowerBound >= 0, range.upperBound <= size else {
            _ = Glibc.close(descriptor)
            throw StorageError.blobIO(operation: "open", path: path, message: "range \(range) is outside the \(size)-byte blob")
        }
        self.key = key
        self.size = size
        self.range = range
        position = range.lowerBound
        source = .file(descriptor: descriptor, path: path)
    }

    deinit {
        close()
    }

    /// The next bytes of `range`, at most `count`; empty at its end.
    ///
    /// - Throws: `StorageError.blobIO` (also after `close()`), or what the reader throws.
    public func read(upTo count: Int = BlobStoreDefaults.chunkSize) throws -> Data {
        let wanted = Int(min(Int64(max(count, 0)), range.upperBound - position))
        guard wanted > 0 else { return Data() }
        switch source {
        case .closed:
            throw StorageError.blobIO(operation: "read", path: key.hex, message: "the stream is closed")
        case .reader(let read, _):
            let data = try read(wanted)
            position += Int64(data.count)
            return data
        case .file(let descriptor, let path):
            var data = Data(count: wanted)
            let got = try data.withUnsafeMutableBytes { buffer -> Int in
                while true {
                    let result = pread(descriptor, buffer.baseAddress, wanted, off_t(position))
                    if result >= 0 { return result }
                    if errno != EINTR { throw PosixFile.error("read", path) }
                }
            }
            data.count = got
            position += Int64(got)
            return data
        }
    }

    /// For a blob kept in a local file: a new descriptor for it and the file offset where
    /// `range` starts, so the caller can send the bytes without copying them (`sendfile`). The
    /// caller owns the descriptor and closes it. Nil for stores that read from elsewhere.
    ///
    /// - Throws: `StorageError.blobIO` when the descriptor cannot be duplicated.
    public func duplicateLocalDescriptor() throws -> (descriptor: Int32, offset: Int64)? {
        guard case .file(let descriptor, let path) = source else { return nil }
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw PosixFile.error("dup", path) }
        return (copy, range.lowerBound)
    }

    /// Releases the file or the reader; reading afterwards fails.
    public func close() {
        switch source {
        case .file(let descriptor, _): _ = Glibc.close(descriptor)
        case .reader(_, let close): close()
        case .closed: break
        }
        source = .closed
    }
}
