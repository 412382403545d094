import Foundation

extension LocalDiskBlobStore {
    /// Gives an uploaded file (spooled on the same file system, e.g. `<data-dir>/tmp`) its blob
    /// name as a hard link: a 1 GiB upload is hashed once and never copied. The file's data is
    /// fsynced before its blob name becomes durable, so a crash leaves the whole blob or none.
    /// Falls back to a streamed copy when linking is impossible (another file system, a file the
    /// process may not link).
    public func put(adoptingFileAt url: URL) throws -> StoredBlob {
        guard let status = try PosixFile.status(url.path) else {
            throw StorageError.blobIO(operation: "stat", path: url.path, message: "no such file")
        }
        let key = BlobKey(validated: try SHA256Hasher.hex(ofFile: url))
        let target = path(for: key)
        let folder = target.deletingLastPathComponent()
        let shard = folder.deletingLastPathComponent()
        if try PosixFile.makeDirectory(shard.path) { try PosixFile.syncDirectory(root.path) }
        if try PosixFile.makeDirectory(folder.path) { try PosixFile.syncDirectory(shard.path) }
        if let existing = try PosixFile.status(target.path), existing.size == status.size,
           (try? PosixFile.touch(target.path)) != nil {
            return StoredBlob(key: key, size: status.size, created: false)
        }
        do {
            try PosixFile.syncFile(url.path)
            // Linked under a temporary name first, then renamed: the rename atomically replaces a
            // damaged file of the wrong size, which `link` alone would refuse.
            let temporary = root.appendingPathComponent("tmp/\(UUID().uuidString).partial").path
            try PosixFile.link(url.path, to: temporary)
            do {
                try PosixFile.rename(temporary, to: target.path)
            } catch {
                try? PosixFile.unlink(temporary)
                throw error
            }
            try PosixFile.syncDirectory(folder.path)
            return StoredBlob(key: key, size: status.size, created: true)
        } catch StorageError.blobIO(operation: "link", _, _) {
            return try put(contentsOf: url)
        }
    }
}
