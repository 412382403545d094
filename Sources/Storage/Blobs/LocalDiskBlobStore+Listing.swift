import Foundation

/// Walking the store: every blob, and the `.partial` files of interrupted puts.
extension LocalDiskBlobStore {
    public func list() throws -> [BlobHead] {
        var heads: [BlobHead] = []
        for shard in try folders(in: root) where shard.count == 2 && shard != "tmp" {
            let shardURL = root.appendingPathComponent(shard, isDirectory: true)
            for inner in try folders(in: shardURL) where inner.count == 2 {
                let folder = shardURL.appendingPathComponent(inner, isDirectory: true)
                for name in try names(in: folder) where BlobKey.isValid(name) {
                    let key = BlobKey(validated: name)
                    if let head = try head(key) { heads.append(head) }
                }
            }
        }
        return heads
    }

    public func removeAbandonedUploads(olderThan cutoff: Date) throws -> Int {
        let folder = root.appendingPathComponent("tmp", isDirectory: true)
        var removed = 0
        for name in try names(in: folder) where name.hasSuffix(".partial") {
            let path = folder.appendingPathComponent(name).path
            guard let status = try PosixFile.status(path), status.modified < cutoff else { continue }
            try PosixFile.unlink(path)
            removed += 1
        }
        return removed
    }

    private func folders(in url: URL) throws -> [String] {
        try names(in: url).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    private func names(in url: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        } catch {
            throw StorageError.blobIO(operation: "list", path: url.path, message: error.localizedDescription)
        }
    }
}
