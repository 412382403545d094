import Foundation

extension S3Client {
    /// One page of ListObjectsV2 under `prefix`.
    ///
    /// - Throws: `S3Error`.
    public func listObjects(prefix: String, continuationToken: String? = nil, maxKeys: Int = 1000) throws -> S3ListPage {
        var request = Request(operation: "list objects", method: "GET", key: nil)
        request.query = [.init("list-type", "2"), .init("prefix", prefix), .init("max-keys", String(maxKeys))]
        if let continuationToken { request.query.append(.init("continuation-token", continuationToken)) }
        let root = try xml(execute(request), operation: "list objects", expecting: "ListBucketResult")
        let objects = try root.children("Contents").map { entry -> S3ObjectInfo in
            guard let key = entry.value("Key"), let size = entry.value("Size").flatMap({ Int64($0) }),
                  let modified = entry.value("LastModified").flatMap(AMZDate.parseISO8601) else {
                throw S3Error.malformedResponse(operation: "list objects", detail: "an entry lacks Key, Size or LastModified")
            }
            return S3ObjectInfo(key: key, size: size, modified: modified, etag: entry.value("ETag"))
        }
        let truncated = root.value("IsTruncated") == "true"
        let token = truncated ? root.value("NextContinuationToken") : nil
        if truncated && (token ?? "").isEmpty {
            throw S3Error.malformedResponse(operation: "list objects", detail: "a truncated listing without NextContinuationToken")
        }
        return S3ListPage(objects: objects, continuationToken: token)
    }

    /// Every object under `prefix`, page by page.
    ///
    /// - Throws: `S3Error`.
    public func listAllObjects(prefix: String) throws -> [S3ObjectInfo] {
        var objects: [S3ObjectInfo] = []
        var token: String?
        repeat {
            let page = try listObjects(prefix: prefix, continuationToken: token)
            objects += page.objects
            // A server that hands back the token it was given would loop forever.
            guard page.continuationToken == nil || page.continuationToken != token else {
                throw S3Error.malformedResponse(operation: "list objects", detail: "the continuation token did not advance")
            }
            token = page.continuationToken
        } while token != nil
        return objects
    }

    /// Multipart uploads under `prefix` that were neither completed nor aborted.
    ///
    /// - Throws: `S3Error`.
    public func listMultipartUploads(prefix: String) throws -> [S3MultipartUpload] {
        var uploads: [S3MultipartUpload] = []
        var keyMarker: String?
        var uploadMarker: String?
        while true {
            var request = Request(operation: "list multipart uploads", method: "GET", key: nil)
            request.query = [.init("uploads", ""), .init("prefix", prefix)]
            if let keyMarker { request.query.append(.init("key-marker", keyMarker)) }
            if let uploadMarker { request.query.append(.init("upload-id-marker", uploadMarker)) }
            let root = try xml(execute(request), operation: "list multipart uploads", expecting: "ListMultipartUploadsResult")
            for entry in root.children("Upload") {
                guard let key = entry.value("Key"), let id = entry.value("UploadId") else {
                    throw S3Error.malformedResponse(operation: "list multipart uploads", detail: "an upload lacks Key or UploadId")
                }
                let initiated = entry.value("Initiated").flatMap(AMZDate.parseISO8601) ?? .distantPast
                uploads.append(S3MultipartUpload(key: key, uploadID: id, initiated: initiated))
            }
            guard root.value("IsTruncated") == "true" else { return uploads }
            let nextKey = root.value("NextKeyMarker")
            let nextUpload = root.value("NextUploadIdMarker")
            guard nextKey != keyMarker || nextUpload != uploadMarker, nextKey != nil else {
                throw S3Error.malformedResponse(operation: "list multipart uploads", detail: "the markers did not advance")
            }
            keyMarker = nextKey
            uploadMarker = nextUpload
        }
    }

    /// The parsed body of a successful answer whose root is `expecting`.
    func xml(_ result: HTTPResult, operation: String, expecting: String, key: String? = nil) throws -> XMLNode {
        guard result.isSuccess else { throw failure(result, operation: operation, key: key) }
        guard let root = XMLNode.parse(Array(result.body)) else {
            throw S3Error.malformedResponse(operation: operation, detail: "the body is not XML")
        }
        if root.name == "Error" { throw failure(HTTPResult(status: 500, headers: result.headers, body: result.body), operation: operation, key: key) }
        guard root.name == expecting else {
            throw S3Error.malformedResponse(operation: operation, detail: "expected <\(expecting)>, got <\(root.name)>")
        }
        return root
    }
}
