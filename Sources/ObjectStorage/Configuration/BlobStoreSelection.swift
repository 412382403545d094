import Foundation
import Storage

/// Picks the blob store from the environment, for the composition root: S3 when
/// `STYLIFY_BLOB_URL=s3://…` is set, else local disk as always.
public enum BlobStoreSelection {
    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - localDirectory: the local store's root (`<data-dir>/blobs`); with S3 it holds the
    ///     spool and the read cache instead.
    /// - Returns: a `LocalDiskBlobStore` or an `S3BlobStore` (nothing is contacted yet; call
    ///   `S3BlobStore.checkAccess()` at start-up to fail early).
    /// - Throws: `S3ConfigurationError` (a setting is wrong: exit 78), `StorageError.blobIO`
    ///   (the local folder cannot be created).
    public static func make(environment: [String: String], localDirectory: URL) throws -> any BlobStore {
        if let configuration = try S3Configuration(environment: environment) {
            return try S3BlobStore(configuration: configuration, localDirectory: localDirectory)
        }
        return try LocalDiskBlobStore(root: localDirectory)
    }
}
