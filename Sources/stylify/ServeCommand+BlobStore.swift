import HTTPServer
import ObjectStorage
import Storage

extension ServeCommand {
    /// The blob store `settings` select: an S3-compatible object store when a blob URL is set,
    /// else local disk under `<data-dir>/blobs` as always. With S3 that folder holds the spool and
    /// the verified read cache only, and `/readyz` includes the store.
    ///
    /// - Throws: `StorageError.blobStoreRefused` (exit 78: the bucket, credentials or region are
    ///   wrong) or `.blobStoreUnavailable` (exit 69: the server cannot be reached): the store is
    ///   checked once here, so a misconfiguration stops start-up with one sentence instead of
    ///   failing the first upload.
    static func makeBlobStore(settings: ServeSettings, configuration: inout ServerConfiguration) throws -> any BlobStore {
        let local = settings.dataDirectory.appendingPathComponent("blobs")
        guard let objectStore = settings.objectStore else {
            return try LocalDiskBlobStore(root: local)
        }
        let store = try S3BlobStore(configuration: objectStore, localDirectory: local)
        try store.checkAccess()
        log("level=info msg=\"blob store\" kind=s3 bucket=\(objectStore.bucket) prefix=\"\(objectStore.prefix)\" endpoint=\(objectStore.endpoint.host)")
        configuration.readinessChecks.append(ReadinessCheck("blob-store") {
            try store.checkAccess()
            return true
        })
        return store
    }
}
