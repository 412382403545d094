import Foundation

/// A parsed `multipart/form-data` body: small text fields in memory, file parts on disk.
public struct MultipartForm: Sendable {
    public struct Field: Sendable {
        public let name: String
        public let value: String
    }

    /// A file part, already written to `url`; the caller owns (moves or deletes) that file.
    public struct File: Sendable {
        public let name: String
        public let filename: String
        public let contentType: String
        public let url: URL
        public let size: Int64
    }

    public internal(set) var fields: [Field] = []
    public internal(set) var files: [File] = []

    /// The first text field with this name.
    public func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The first file part with this name.
    public func file(_ name: String) -> File? { files.first { $0.name == name } }
}

extension Request {
    /// Parses a `multipart/form-data` body, streaming file parts into `directory` (it never loads a
    /// spooled body whole). Malformed bodies are 400s, a wrong media type is 415; files already written
    /// for a body that turns out malformed are removed.
    public func multipartForm(
        storingFilesIn directory: URL, maxFieldBytes: Int = 64 * 1024, maxParts: Int = 100
    ) throws -> MultipartForm {
        guard let contentType = headers["content-type"],
            contentType.lowercased().hasPrefix("multipart/form-data")
        else {
            throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type",
                            detail: "Expected a multipart/form-data body.")
        }
        guard let boundary = MultipartParser.boundary(fromContentType: contentType) else {
            throw HTTPError.badRequest("The multipart Content-Type has no valid boundary.", code: "invalid_multipart")
        }
        var parser = MultipartParser(
            boundary: boundary, directory: directory, maxFieldBytes: maxFieldBytes, maxParts: maxParts)
        do {
            try body.forEachChunk { chunk in try parser.feed(chunk) }
            return try parser.finish()
        } catch {
            parser.abandon()
            throw error
        }
    }
}
