import Storage

/// What went wrong talking to S3, one case per thing an operator or the API does differently.
/// `storageError` maps each to `StorageError`, which the rest of Stylify understands.
public enum S3Error: Error, Sendable, Equatable {
    /// 403 `SignatureDoesNotMatch`: the secret key does not belong to the access key.
    case signatureDoesNotMatch(accessKeyID: String)
    /// 403 `InvalidAccessKeyId`: the server knows no such access key.
    case invalidAccessKeyID(String)
    /// 403 `AccessDenied`: the key may not do this (`operation` on `resource`).
    case accessDenied(operation: String, resource: String)
    /// 404 `NoSuchBucket`.
    case noSuchBucket(String)
    /// 404 `NoSuchKey` (a blob that is not there; callers usually map it to nil or `blobNotFound`).
    case noSuchKey(String)
    /// The bucket lives in another region than the one requests are signed for
    /// (400 `AuthorizationHeaderMalformed`, 301 `PermanentRedirect`); `bucketRegion` when the
    /// server said which.
    case wrongRegion(configured: String, bucketRegion: String?)
    /// The store or the bucket's quota is full (`QuotaExceeded`, `XMinioStorageFull`, 507, …).
    case storageFull(code: String, message: String)
    /// No connection could be made, after `attempts` tries.
    case unreachable(endpoint: String, detail: String, attempts: Int)
    /// Requests timed out or stalled, after `attempts` tries.
    case timedOut(endpoint: String, detail: String, attempts: Int)
    /// The server kept answering 5xx or `SlowDown`, after `attempts` tries.
    case unavailable(status: Int, code: String?, attempts: Int)
    /// Connections kept breaking mid-transfer (truncated answers), after `attempts` tries.
    case interrupted(detail: String, attempts: Int)
    /// Downloaded bytes do not hash to the blob's key, twice in a row.
    case integrity(key: String, detail: String)
    /// Any other refusal, with what the server said.
    case unexpectedResponse(operation: String, status: Int, code: String?, message: String?)
    /// An answer that is not what S3 sends (unparseable XML, a missing field).
    case malformedResponse(operation: String, detail: String)
    /// A local failure (libcurl setup, reading the upload, writing the download).
    case local(String)
}

extension S3Error: CustomStringConvertible {
    public var description: String {
        switch self {
        case .signatureDoesNotMatch(let key):
            "the S3 server rejected the signature for access key \(key) (SignatureDoesNotMatch): AWS_SECRET_ACCESS_KEY is wrong"
        case .invalidAccessKeyID(let key):
            "the S3 server does not know the access key \(key) (InvalidAccessKeyId): check AWS_ACCESS_KEY_ID"
        case .accessDenied(let operation, let resource):
            "the S3 credentials may not \(operation) \(resource) (AccessDenied): grant the key read, write, list and delete on the bucket"
        case .noSuchBucket(let bucket):
            "the S3 bucket \(bucket) does not exist (NoSuchBucket): create it or fix STYLIFY_BLOB_URL"
        case .noSuchKey(let key):
            "no S3 object \(key)"
        case .wrongRegion(let configured, let actual):
            if let actual {
                "the S3 bucket is in region \(actual), not \(configured): set AWS_REGION=\(actual)"
            } else {
                "the S3 bucket is not in region \(configured): set AWS_REGION to the bucket's region"
            }
        case .storageFull(let code, let message):
            "the S3 store has no space left (\(code)): \(message)"
        case .unreachable(let endpoint, let detail, let attempts):
            "the S3 endpoint \(endpoint) cannot be reached (\(detail)) after \(attempts) attempt\(attempts == 1 ? "" : "s")"
        case .timedOut(let endpoint, let detail, let attempts):
            "the S3 endpoint \(endpoint) did not answer in time (\(detail)) after \(attempts) attempt\(attempts == 1 ? "" : "s")"
        case .unavailable(let status, let code, let attempts):
            "the S3 server kept failing with \(status)\(code.map { " \($0)" } ?? "") after \(attempts) attempt\(attempts == 1 ? "" : "s")"
        case .interrupted(let detail, let attempts):
            "S3 transfers kept breaking off (\(detail)) after \(attempts) attempt\(attempts == 1 ? "" : "s")"
        case .integrity(let key, let detail):
            "the S3 object \(key) does not hold the bytes its name promises: \(detail)"
        case .unexpectedResponse(let operation, let status, let code, let message):
            "S3 \(operation) failed with \(status)\(code.map { " \($0)" } ?? "")\(message.map { ": \($0)" } ?? "")"
        case .malformedResponse(let operation, let detail):
            "S3 \(operation) returned an answer that is not S3's: \(detail)"
        case .local(let detail):
            "an S3 request could not be made: \(detail)"
        }
    }

    /// True for failures that later requests may not meet (the API answers 503 + Retry-After).
    public var isTransient: Bool {
        switch self {
        case .unreachable, .timedOut, .unavailable, .interrupted, .malformedResponse: true
        default: false
        }
    }

    /// The error in the blob store's terms; `location` is `s3://bucket/prefix`.
    public func storageError(location: String) -> StorageError {
        switch self {
        case .noSuchKey(let key):
            .blobNotFound(key: String(key.split(separator: "/").last ?? Substring(key)))
        case .storageFull:
            .diskFull(path: location)
        case .integrity(let key, let detail):
            .blobIO(operation: "verify", path: "\(location) \(key)", message: detail)
        case .local(let detail):
            .blobIO(operation: "transfer", path: location, message: detail)
        case .unreachable, .timedOut, .unavailable, .interrupted, .malformedResponse:
            .blobStoreUnavailable(reason: description)
        case .signatureDoesNotMatch, .invalidAccessKeyID, .accessDenied, .noSuchBucket, .wrongRegion, .unexpectedResponse:
            .blobStoreRefused(reason: description)
        }
    }
}
