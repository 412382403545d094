/// Everything the S3 blob store needs to know, usually read from the environment
/// (`S3Configuration.init(environment:)`).
public struct S3Configuration: Sendable, Equatable {
    public var bucket: String
    /// Object keys are `<prefix>/<sha256>`; empty for keys at the bucket's root.
    public var prefix: String
    public var endpoint: S3Endpoint
    public var region: String
    public var credentials: SigV4Credentials
    public var addressing: S3Addressing
    /// Blobs larger than this go up as a multipart upload in parts of this size (5 MiB … 5 GiB).
    public var partSize: Int
    /// Bytes the local read cache may hold (a single larger blob still passes through it).
    public var cacheBytes: Int64
    public var retry: RetryPolicy
    public var timeouts: S3Timeouts

    public static let defaultPartSize = 16 << 20
    public static let defaultCacheBytes: Int64 = 1 << 30

    public init(bucket: String, prefix: String = "", endpoint: S3Endpoint, region: String = "us-east-1",
                credentials: SigV4Credentials, addressing: S3Addressing = .path,
                partSize: Int = S3Configuration.defaultPartSize, cacheBytes: Int64 = S3Configuration.defaultCacheBytes,
                retry: RetryPolicy = RetryPolicy(), timeouts: S3Timeouts = S3Timeouts()) {
        self.bucket = bucket
        self.prefix = prefix.trimmingSlashes()
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.addressing = addressing
        self.partSize = partSize
        self.cacheBytes = cacheBytes
        self.retry = retry
        self.timeouts = timeouts
    }

    /// `s3://bucket/prefix`, for messages.
    public var location: String {
        prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)"
    }

    /// The object key of a blob: `<prefix>/<sha256>`.
    func objectKey(forHex hex: String) -> String {
        prefix.isEmpty ? hex : "\(prefix)/\(hex)"
    }

    /// The prefix that every blob key of this store starts with (`prefix/`, or "").
    var keyPrefix: String {
        prefix.isEmpty ? "" : prefix + "/"
    }
}

extension String {
    func trimmingSlashes() -> String {
        var text = Substring(self)
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
