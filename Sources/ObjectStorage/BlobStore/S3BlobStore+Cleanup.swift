import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

extension S3BlobStore {
    /// Aborts multipart uploads under the prefix started before `cutoff` (a process killed
    /// mid-put) and deletes local spool and download files older than `cutoff`.
    public func removeAbandonedUploads(olderThan cutoff: Date) throws -> Int {
        var removed = 0
        let uploads = try translating { try client.listMultipartUploads(prefix: configuration.keyPrefix) }
        for upload in uploads where upload.initiated < cutoff {
            try translating { try client.abortMultipartUpload(key: upload.key, uploadID: upload.uploadID) }
            removed += 1
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder.path)) ?? []
        for name in names where name.hasSuffix(".partial") || name.hasSuffix(".download") {
            let path = temporaryFolder.appendingPathComponent(name).path
            var info = stat()
            guard stat(path, &info) == 0, Double(info.st_mtim.tv_sec) < cutoff.timeIntervalSince1970 else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}
