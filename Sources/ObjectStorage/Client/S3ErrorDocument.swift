/// S3's `<Error><Code>…</Code><Message>…</Message>…</Error>` and what each code means here.
struct S3ErrorDocument: Sendable, Equatable {
    let code: String
    let message: String?
    let region: String?

    /// Codes that mean the store (or the bucket's quota) is full, across AWS, MinIO and Ceph.
    static let fullCodes: Set<String> = [
        "QuotaExceeded", "XMinioStorageFull", "XMinioAdminBucketQuotaExceeded", "EntityTooLarge",
        "InsufficientStorage", "StorageFull",
    ]

    /// Nil unless `body` is an error document with a code.
    init?(_ body: some Collection<UInt8>) {
        guard !body.isEmpty, let root = XMLNode.parse(Array(body)), root.name == "Error", let code = root.value("Code"), !code.isEmpty else {
            return nil
        }
        self.code = code
        message = root.value("Message")
        region = root.value("Region")
    }

    func error(status: Int, headers: [String: String], operation: String, configuration: S3Configuration, key: String?) -> S3Error {
        let resource = key.map { "\(configuration.bucket)/\($0)" } ?? configuration.bucket
        switch code {
        case "SignatureDoesNotMatch":
            return .signatureDoesNotMatch(accessKeyID: configuration.credentials.accessKeyID)
        case "InvalidAccessKeyId":
            return .invalidAccessKeyID(configuration.credentials.accessKeyID)
        case "AccessDenied", "AllAccessDisabled":
            return .accessDenied(operation: operation, resource: resource)
        case "NoSuchBucket":
            return .noSuchBucket(configuration.bucket)
        case "NoSuchKey":
            return .noSuchKey(key ?? "")
        case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException":
            return .wrongRegion(configured: configuration.region, bucketRegion: region ?? headers["x-amz-bucket-region"])
        case _ where Self.fullCodes.contains(code) || status == 507:
            return .storageFull(code: code, message: message ?? "the server refused to store more")
        default:
            return .unexpectedResponse(operation: operation, status: status, code: code, message: message)
        }
    }

    /// An answer without an error document (HEAD, or a server that sends none).
    static func error(status: Int, headers: [String: String], operation: String, configuration: S3Configuration, key: String?) -> S3Error {
        let resource = key.map { "\(configuration.bucket)/\($0)" } ?? configuration.bucket
        switch status {
        case 301, 307:
            return .wrongRegion(configured: configuration.region, bucketRegion: headers["x-amz-bucket-region"])
        case 403:
            return .accessDenied(operation: operation, resource: resource)
        case 404 where key != nil:
            return .noSuchKey(key!)
        case 404:
            return .noSuchBucket(configuration.bucket)
        case 507:
            return .storageFull(code: "507", message: "the server answered 507 Insufficient Storage")
        default:
            return .unexpectedResponse(operation: operation, status: status, code: nil, message: nil)
        }
    }
}
