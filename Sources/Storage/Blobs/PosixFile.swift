import Foundation
import Glibc

/// The few POSIX file calls the disk blob store needs and Foundation does not expose with their
/// errno: exclusive create, full writes, `fsync` of files and directories, `rename`, `unlink`.
/// Errors carry errno so that ENOSPC / EDQUOT become `StorageError.diskFull`.
struct PosixFile {
    private(set) var descriptor: Int32
    let path: String

    /// Creates a new file; fails if one exists (temp names are random, so this never clobbers).
    static func createExclusive(_ path: String) throws -> PosixFile {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PosixFile.error("create", path) }
        return PosixFile(descriptor: descriptor, path: path)
    }

    /// Writes all of `data`, retrying short writes and EINTR.
    func write(_ data: Data) throws {
        try data.withUnsafeBytes { buffer in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(descriptor, base, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PosixFile.error("write", path)
                }
                remaining -= written
                base += written
            }
        }
    }

    func sync() throws {
        guard fsync(descriptor) == 0 else { throw PosixFile.error("fsync", path) }
    }

    /// Closes the descriptor; on some file systems (NFS) a full disk is reported only here.
    mutating func close() throws {
        guard descriptor >= 0 else { return }
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw PosixFile.error("close", path) }
    }

    /// Closes without reporting errors, on paths that are already failing.
    mutating func closeQuietly() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// Atomically gives `from` the name `to`, replacing any file there.
    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw error("rename", to) }
    }

    /// Gives the file `from` a second name `to` (a hard link: no bytes are copied).
    static func link(_ from: String, to: String) throws {
        guard Glibc.link(from, to) == 0 else { throw error("link", to) }
    }

    /// Flushes a file's data to disk by path.
    static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error("open", path) }
        defer { _ = Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw error("fsync", path) }
    }

    /// Removes a file; a missing file is not an error.
    static func unlink(_ path: String) throws {
        guard Glibc.unlink(path) == 0 || errno == ENOENT else { throw error("unlink", path) }
    }

    /// Flushes a directory's entries, so a rename or create inside it survives a power cut.
    static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error("open directory", path) }
        defer { _ = Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw error("fsync directory", path) }
    }

    /// Creates a directory; true when it was created, false when it existed.
    static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        if errno == EEXIST { return false }
        throw error("mkdir", path)
    }

    /// Sets a file's modification time to now (the sweeper's measure of age).
    static func touch(_ path: String) throws {
        guard utimes(path, nil) == 0 else { throw error("touch", path) }
    }

    /// Size and modification time, or nil when there is no such file.
    static func status(_ path: String) throws -> (size: Int64, modified: Date)? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw error("stat", path)
        }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
        return (Int64(info.st_size), modified)
    }

    /// The current errno as a `StorageError`: full disk and exhausted quota get their own case.
    static func error(_ operation: String, _ path: String) -> StorageError {
        let code = errno
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: path) }
        return .blobIO(operation: operation, path: path, message: String(cString: strerror(code)))
    }
}
