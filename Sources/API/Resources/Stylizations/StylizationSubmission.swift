import Foundation
import HTTPServer
import Storage
import Stylizations

/// The body of `POST /v1/stylizations` as received: a JSON object naming a content asset, or a
/// `multipart/form-data` form whose file part `content` is the content itself and whose text part
/// `request` is the same JSON object without `content` (upload and stylize in one request).
struct StylizationSubmission {
    /// The file part that carries inline content, and the text part that carries the options.
    static let contentField = "content"
    static let requestField = "request"

    /// The stylization's JSON (for a form, its `request` part), parsed by `parse()` after the
    /// idempotency check, so a refusal is replayed like any answer.
    let json: [UInt8]
    let jsonContentType: String?
    /// The inline content, on disk until the request ends (nil for a JSON body).
    let upload: Upload?
    /// What `Idempotency-Key` compares: the JSON, plus the content's SHA-256 for a form (a retry
    /// sends another multipart boundary, but the same request).
    let requestHash: String

    static func isMultipart(_ request: Request) -> Bool {
        request.headers["content-type"]?.lowercased().hasPrefix("multipart/form-data") ?? false
    }

    /// - Throws: 422 `missing_field` for a form without its `content` file or `request` part; 400
    ///   for a malformed form.
    static func receive(_ request: Request, uploadDirectory: URL) throws -> StylizationSubmission {
        guard isMultipart(request) else {
            let body = try request.body.collect()
            return StylizationSubmission(
                json: body, jsonContentType: request.headers["content-type"], upload: nil,
                requestHash: IdempotencyStore.requestHash(method: "POST", path: request.path, body: body))
        }
        let upload = try Upload.receive(request, fileField: contentField, allowRaw: false, directory: uploadDirectory)
        do {
            guard let json = upload.form?.field(requestField) else {
                throw HTTPError(
                    .unprocessableContent, code: "missing_field",
                    detail: "The form needs a text part named \"request\" holding the stylization's JSON (without \"content\").",
                    param: requestField)
            }
            let contentHash = try SHA256Hasher.hex(ofFile: upload.file)
            let hash = IdempotencyStore.requestHash(method: "POST", path: request.path, body: Array("\(json)\n\(contentHash)".utf8))
            return StylizationSubmission(json: Array(json.utf8), jsonContentType: "application/json", upload: upload, requestHash: hash)
        } catch {
            upload.discard()
            throw error
        }
    }

    /// The stylization request, checked field by field (see `StylizationRequest`).
    func parse() throws -> StylizationRequest {
        try StylizationRequest(json: json, contentType: jsonContentType, contentInline: upload != nil)
    }

    /// Removes the inline content's temporary file (the asset keeps its own blob).
    func discard() {
        upload?.discard()
    }
}
