import Foundation
import Storage

extension S3BlobStore {
    /// Stores a spooled blob under its key; false when an object was already there.
    func upload(_ blob: SpooledBlob) throws -> Bool {
        let key = objectKey(blob.key)
        return try translating {
            if blob.size <= Int64(configuration.partSize) {
                let outcome = try client.putObject(key: key, body: .file(blob.file, offset: 0, length: blob.size),
                                                   sha256: blob.key.hex, ifNoneMatch: true)
                return outcome == .created
            }
            // A multipart upload cannot be made conditional everywhere; looking first saves
            // sending a large blob twice. Two racing uploads of the same bytes both complete
            // with identical content, which is harmless.
            if try client.headObject(key: key) != nil { return false }
            try uploadInParts(blob, key: key)
            return true
        }
    }

    /// Create, upload every part with its own SHA-256 signed, complete; abort on any failure so
    /// no parts linger (what the abort itself cannot remove, `removeAbandonedUploads` does).
    private func uploadInParts(_ blob: SpooledBlob, key: String) throws {
        let uploadID = try client.createMultipartUpload(key: key)
        do {
            var parts: [(number: Int, etag: String)] = []
            for (index, hash) in blob.partHashes.enumerated() {
                let (offset, length) = blob.part(index)
                let etag = try client.uploadPart(key: key, uploadID: uploadID, number: index + 1,
                                                 body: .file(blob.file, offset: offset, length: length), sha256: hash)
                parts.append((index + 1, etag))
            }
            try client.completeMultipartUpload(key: key, uploadID: uploadID, parts: parts)
        } catch {
            try? client.abortMultipartUpload(key: key, uploadID: uploadID)
            throw error
        }
    }
}
