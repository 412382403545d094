import Foundation

/// Blobs as files under one directory, `<root>/ab/cd/<sha256>` (two levels of 256 folders keep
/// directories small at millions of blobs).
///
/// A put streams into `<root>/tmp/<random>.partial` on the same file system while hashing,
/// fsyncs it, renames it to its content name and fsyncs the folder: a crash at any point leaves
/// either the whole blob under its name or a `.partial` file that `removeAbandonedUploads` deletes
/// later, never half a blob under a real name.
public struct LocalDiskBlobStore: BlobStore {
    /// The root folder (usually `<data-dir>/blobs`).
    public let root: URL
    private var temporaryFolder: URL { root.appendingPathComponent("tmp", isDirectory: true) }

    /// Creates the root and temporary folders when missing.
    ///
    /// - Throws: `StorageError.blobIO` when they cannot be created.
    public init(root: URL) throws {
        self.root = root
        do {
            try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
        } catch {
            throw StorageError.blobIO(operation: "create folder", path: temporaryFolder.path, message: error.localizedDescription)
        }
    }

    /// The file a blob lives in (which may not exist). For this store's own use and for tests
    /// of its layout; everything else reaches the bytes through `open` or `withLocalFile`.
    public func path(for key: BlobKey) -> URL {
        let hex = key.hex
        return root
            .appendingPathComponent(String(hex.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(hex.dropFirst(2).prefix(2)), isDirectory: true)
            .appendingPathComponent(hex)
    }

    public func put<Input: BlobInput>(_ input: inout Input) throws -> StoredBlob {
        let temporary = temporaryFolder.appendingPathComponent("\(UUID().uuidString).partial").path
        var file = try PosixFile.createExclusive(temporary)
        do {
            let hasher = SHA256Hasher()
            var size: Int64 = 0
            while true {
                let chunk = try input.read(upTo: BlobStoreDefaults.chunkSize)
                if chunk.isEmpty { break }
                hasher.update(chunk)
                try file.write(chunk)
                size += Int64(chunk.count)
            }
            try file.sync()
            try file.close()
            let key = BlobKey(validated: hasher.finalizeHex())
            return try place(temporary, key: key, size: size)
        } catch {
            file.closeQuietly()
            try? PosixFile.unlink(temporary)
            throw error
        }
    }

    /// Gives the finished temporary file its content name, or drops it when that blob exists.
    private func place(_ temporary: String, key: BlobKey, size: Int64) throws -> StoredBlob {
        let target = path(for: key)
        let folder = target.deletingLastPathComponent()
        try makeFolders(folder)
        if let existing = try PosixFile.status(target.path), existing.size == size,
           (try? PosixFile.touch(target.path)) != nil {
            // Same name means same bytes. The touch tells the sweeper the blob is wanted again;
            // when it fails, a sweep removed the blob meanwhile and the rename below restores it.
            try PosixFile.unlink(temporary)
            return StoredBlob(key: key, size: size, created: false)
        }
        // A file of the wrong size under this name is damage; the rename replaces it atomically.
        try PosixFile.rename(temporary, to: target.path)
        try PosixFile.syncDirectory(folder.path)
        return StoredBlob(key: key, size: size, created: true)
    }

    /// Creates `<root>/ab/cd`, fsyncing each parent whose entries changed.
    private func makeFolders(_ folder: URL) throws {
        let shard = folder.deletingLastPathComponent()
        if try PosixFile.makeDirectory(shard.path) { try PosixFile.syncDirectory(root.path) }
        if try PosixFile.makeDirectory(folder.path) { try PosixFile.syncDirectory(shard.path) }
    }

    public func head(_ key: BlobKey) throws -> BlobHead? {
        try PosixFile.status(path(for: key).path).map { BlobHead(key: key, size: $0.size, modified: $0.modified) }
    }

    /// Reads through an open descriptor, which `BlobReadStream.duplicateLocalDescriptor()` hands
    /// to a download for `sendfile`: local blobs are sent without a copy.
    public func open(_ key: BlobKey, range: Range<Int64>?) throws -> BlobReadStream {
        try BlobReadStream(key: key, file: path(for: key), range: range)
    }

    /// The blob's own file: nothing is copied.
    public func withLocalFile<T>(_ key: BlobKey, _ body: (URL) throws -> T) throws -> T {
        guard try head(key) != nil else { throw StorageError.blobNotFound(key: key.hex) }
        return try body(path(for: key))
    }

    public func delete(_ key: BlobKey) throws {
        try PosixFile.unlink(path(for: key).path)
    }
}
