import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Writes a download to a file, hashing it on the way, so a blob is verified without reading it
/// twice. `reset` truncates for a retry. A full disk becomes `StorageError.diskFull`.
final class FileSink: ResponseSink {
    let path: String
    private let descriptor: Int32
    private(set) var hasher = SHA256Hasher()
    private(set) var written: Int64 = 0
    private(set) var failure: Error?

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error("create", path) }
    }

    deinit {
        close(descriptor)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard var base = bytes.baseAddress else { return true }
        var remaining = bytes.count
        while remaining > 0 {
            let count = Glibc.write(descriptor, base, remaining)
            if count < 0 {
                if errno == EINTR { continue }
                failure = Self.error("write", path)
                return false
            }
            remaining -= count
            base += count
        }
        hasher.update(bytes: bytes)
        written += Int64(bytes.count)
        return true
    }

    func reset() throws {
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else { throw Self.error("truncate", path) }
        hasher = SHA256Hasher()
        written = 0
        failure = nil
    }

    /// The errno of the failed call as a `StorageError`.
    static func error(_ operation: String, _ path: String) -> StorageError {
        let code = errno
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: path) }
        return .blobIO(operation: operation, path: path, message: String(cString: strerror(code)))
    }
}
