import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

extension S3BlobStore {
    /// GETs the blob into `<local>/tmp/<random>.download`, checks its size and SHA-256 against
    /// the key, and only then renames it into the cache. A mismatch (a truncated or damaged
    /// transfer) is downloaded once more; twice wrong is an error, and nothing is cached.
    func download(_ key: BlobKey) throws -> URL {
        let objectKey = objectKey(key)
        var problem = ""
        for _ in 0..<2 {
            let file = temporaryFolder.appendingPathComponent("\(UUID().uuidString).download")
            defer { unlink(file.path) }
            let sink = try FileSink(path: file.path)
            let info = try translating { try client.getObject(key: objectKey, into: sink).0 }
            let digest = sink.hasher.finalizeHex()
            if sink.written == info.size && digest == key.hex {
                return try cache.insert(verifiedFile: file, key: key, size: sink.written)
            }
            problem = sink.written == info.size
                ? "the download hashes to \(digest.prefix(16))…"
                : "the download has \(sink.written) of \(info.size) bytes"
        }
        throw S3Error.integrity(key: objectKey, detail: problem).storageError(location: configuration.location)
    }
}
