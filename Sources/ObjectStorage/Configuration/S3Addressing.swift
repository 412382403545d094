/// How a bucket is named in request URLs.
public enum S3Addressing: String, Sendable, Equatable {
    /// `http://endpoint/bucket/key`: works with any host, IP addresses and custom ports included
    /// (SeaweedFS, MinIO, Ceph); the default when `STYLIFY_S3_ENDPOINT` is given.
    case path
    /// `https://bucket.endpoint/key`: what AWS recommends; needs DNS names for the bucket.
    case virtual
}
