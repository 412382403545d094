import Foundation

extension S3Client {
    /// PUTs `body` under `key`. With `ifNoneMatch`, the PUT carries `If-None-Match: *` and an
    /// existing object wins (412 → `.alreadyExists`, nothing written). `sha256` is the body's hex
    /// SHA-256, signed as the payload hash (S3 checks it); nil sends `UNSIGNED-PAYLOAD`.
    ///
    /// - Throws: `S3Error`.
    public func putObject(key: String, body: S3Body, sha256: String?, ifNoneMatch: Bool = false) throws -> S3PutOutcome {
        var request = Request(operation: "PUT object", method: "PUT", key: key, body: body.exchangeBody,
                              payload: sha256.map(SigV4Payload.sha256) ?? .unsigned)
        request.headers.append(.init("Content-Type", "application/octet-stream"))
        if ifNoneMatch { request.headers.append(.init("If-None-Match", "*")) }
        let result = try execute(request)
        if result.isSuccess { return .created }
        if result.status == 412 && ifNoneMatch { return .alreadyExists }
        throw failure(result, operation: "PUT object", key: key)
    }

    /// The object's size, age and ETag, or nil when there is none under `key`.
    ///
    /// A HEAD answer has no body, so a 403 or 400 does not say why; the bucket is then probed
    /// with a one-key listing, whose error document does (wrong secret, unknown key, region).
    ///
    /// - Throws: `S3Error`.
    public func headObject(key: String) throws -> S3ObjectInfo? {
        let result = try execute(Request(operation: "HEAD object", method: "HEAD", key: key))
        if result.isSuccess { return try info(key: key, headers: result.headers, operation: "HEAD object") }
        if result.status == 404 { return nil }
        if [301, 400, 403].contains(result.status) {
            _ = try listObjects(prefix: key, maxKeys: 1)
        }
        throw failure(result, operation: "HEAD object", key: key)
    }

    /// Streams the object (or `range` of it, inclusive byte offsets) into `sink`.
    ///
    /// - Throws: `S3Error.noSuchKey` and the rest of `S3Error`; what the sink throws.
    func getObject(key: String, range: ClosedRange<Int64>? = nil, into sink: ResponseSink?) throws -> (S3ObjectInfo, Data) {
        var request = Request(operation: "GET object", method: "GET", key: key)
        if let range { request.headers.append(.init("Range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        let result = try execute(request, sink: sink)
        guard result.isSuccess else { throw failure(result, operation: "GET object", key: key) }
        return (try info(key: key, headers: result.headers, operation: "GET object"), result.body)
    }

    /// The object's bytes (or `range` of them) in memory; for small objects and ranges.
    ///
    /// - Throws: `S3Error`.
    public func getObjectData(key: String, range: ClosedRange<Int64>? = nil) throws -> Data {
        try getObject(key: key, range: range, into: nil).1
    }

    /// Streams the object (or `range` of it) into the file at `url`, created or truncated.
    ///
    /// - Throws: `S3Error`, `StorageError.diskFull`/`.blobIO` for the local file.
    @discardableResult
    public func getObject(key: String, range: ClosedRange<Int64>? = nil, to url: URL) throws -> S3ObjectInfo {
        try getObject(key: key, range: range, into: try FileSink(path: url.path)).0
    }

    /// Deletes the object; deleting a key that is not there succeeds, as in S3.
    ///
    /// - Throws: `S3Error`.
    public func deleteObject(key: String) throws {
        let result = try execute(Request(operation: "DELETE object", method: "DELETE", key: key))
        guard result.isSuccess || result.status == 404 && S3ErrorDocument(result.body)?.code != "NoSuchBucket" else {
            throw failure(result, operation: "DELETE object", key: key)
        }
    }

    func info(key: String, headers: [String: String], operation: String) throws -> S3ObjectInfo {
        // A ranged answer's Content-Length is the range's; Content-Range names the whole size.
        let size = headers["content-range"].flatMap { $0.split(separator: "/").last.flatMap { Int64($0) } }
            ?? headers["content-length"].flatMap { Int64($0) }
        guard let size else { throw S3Error.malformedResponse(operation: operation, detail: "no Content-Length") }
        let modified = headers["last-modified"].flatMap(AMZDate.parseHTTPDate) ?? Date()
        return S3ObjectInfo(key: key, size: size, modified: modified, etag: headers["etag"])
    }
}
