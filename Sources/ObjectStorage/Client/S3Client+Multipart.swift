import Foundation
import Storage

extension S3Client {
    /// Starts a multipart upload; returns its upload id.
    ///
    /// - Throws: `S3Error`.
    public func createMultipartUpload(key: String) throws -> String {
        var request = Request(operation: "create multipart upload", method: "POST", key: key)
        request.query = [.init("uploads", "")]
        request.headers = [.init("Content-Type", "application/octet-stream")]
        let root = try xml(execute(request), operation: "create multipart upload", expecting: "InitiateMultipartUploadResult", key: key)
        guard let id = root.value("UploadId"), !id.isEmpty else {
            throw S3Error.malformedResponse(operation: "create multipart upload", detail: "no UploadId")
        }
        return id
    }

    /// Uploads part `number` (1-based); returns its ETag, which `completeMultipartUpload` needs.
    ///
    /// - Throws: `S3Error`.
    public func uploadPart(key: String, uploadID: String, number: Int, body: S3Body, sha256: String?) throws -> String {
        var request = Request(operation: "upload part", method: "PUT", key: key, body: body.exchangeBody,
                              payload: sha256.map(SigV4Payload.sha256) ?? .unsigned)
        request.query = [.init("partNumber", String(number)), .init("uploadId", uploadID)]
        let result = try execute(request)
        guard result.isSuccess else { throw failure(result, operation: "upload part", key: key) }
        guard let etag = result.headers["etag"], !etag.isEmpty else {
            throw S3Error.malformedResponse(operation: "upload part", detail: "no ETag for part \(number)")
        }
        return etag
    }

    /// Joins the parts (number, ETag) into the object; only now does it appear under `key`.
    ///
    /// - Throws: `S3Error` (S3 may answer 200 with an error document; that throws too).
    public func completeMultipartUpload(key: String, uploadID: String, parts: [(number: Int, etag: String)]) throws {
        let body = "<CompleteMultipartUpload>"
            + parts.map { "<Part><PartNumber>\($0.number)</PartNumber><ETag>\($0.etag.xmlEscaped)</ETag></Part>" }.joined()
            + "</CompleteMultipartUpload>"
        let bytes = Data(body.utf8)
        var request = Request(operation: "complete multipart upload", method: "POST", key: key, body: .data(bytes),
                              payload: .sha256(SHA256Hasher.hex([UInt8](bytes))))
        request.query = [.init("uploadId", uploadID)]
        request.headers = [.init("Content-Type", "application/xml")]
        request.errorMayComeWith200 = true
        _ = try xml(execute(request), operation: "complete multipart upload", expecting: "CompleteMultipartUploadResult", key: key)
    }

    /// Abandons the upload and frees its parts; an upload that is already gone is not an error.
    ///
    /// - Throws: `S3Error`.
    public func abortMultipartUpload(key: String, uploadID: String) throws {
        var request = Request(operation: "abort multipart upload", method: "DELETE", key: key)
        request.query = [.init("uploadId", uploadID)]
        let result = try execute(request)
        guard result.isSuccess || S3ErrorDocument(result.body)?.code == "NoSuchUpload" else {
            throw failure(result, operation: "abort multipart upload", key: key)
        }
    }
}
