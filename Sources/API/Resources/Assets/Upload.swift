import Foundation
import HTTPServer

/// The file a client uploaded, on disk: a multipart file part, or the raw body (spooled by the
/// server, or written out here when it was small enough to arrive in memory).
struct Upload {
    let file: URL
    /// The client's file name, for display only.
    let fileName: String?
    /// The form's text fields (multipart uploads only).
    let form: MultipartForm?
    /// Files this upload wrote and must remove after the request (the server removes its own spool).
    private let ownedFiles: [URL]

    /// Reads the upload from a `multipart/form-data` body (file part `fileField`) or, when
    /// `allowRaw`, from a raw body whose `Content-Type` is the media type.
    ///
    /// - Throws: 422 `missing_field` (param `fileField`) for a form without that file part; 415
    ///   for a raw body where only multipart is accepted; 400 for a malformed form.
    static func receive(_ request: Request, fileField: String, allowRaw: Bool, directory: URL) throws -> Upload {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let contentType = request.headers["content-type"]?.lowercased() ?? ""
        if contentType.hasPrefix("multipart/form-data") || !allowRaw {
            let form = try request.multipartForm(storingFilesIn: directory)
            let owned = form.files.map(\.url)
            guard let part = form.file(fileField) else {
                owned.forEach { try? FileManager.default.removeItem(at: $0) }
                throw HTTPError(
                    .unprocessableContent, code: "missing_field",
                    detail: "The form needs a file part named \"\(fileField)\".", param: fileField)
            }
            return Upload(file: part.url, fileName: part.filename, form: form, ownedFiles: owned)
        }
        switch request.body {
        case .file(let url, _):
            return Upload(file: url, fileName: nil, form: nil, ownedFiles: [])
        case .empty, .bytes:
            let url = directory.appendingPathComponent("upload-\(UUID().uuidString)")
            try Data(request.body.collect()).write(to: url)
            return Upload(file: url, fileName: nil, form: nil, ownedFiles: [url])
        }
    }

    /// Removes what this upload wrote (whatever the service kept, it stored as a blob of its own).
    func discard() {
        for url in ownedFiles { try? FileManager.default.removeItem(at: url) }
    }
}
