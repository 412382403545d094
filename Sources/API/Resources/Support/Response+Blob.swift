import Filters
import HTTPServer
import Storage

extension Response {
    /// A stored blob for download. Its `ETag` is its key: blobs are named by the SHA-256 of their
    /// bytes, so the same tag always means the same bytes (a strong validator for
    /// `If-None-Match` and `If-Range`). The bytes are opened only when sent, for the range asked
    /// (`Range` → 206): a local store's file goes out with `sendfile` (no copy), an object
    /// store's bytes are streamed from it.
    static func blob(_ file: StoredFile, cacheControl: String) -> Response {
        var headers = HTTPHeaders()
        headers.add("Content-Type", file.mediaType)
        headers.add("ETag", "\"\(file.key.hex)\"")
        headers.add("Accept-Ranges", "bytes")
        headers.add("Cache-Control", cacheControl)
        let content = ResponseContent(length: file.bytes) { range in
            let stream = try file.open(range: range)
            if let local = try stream.duplicateLocalDescriptor() {
                stream.close()
                return .file(descriptor: local.descriptor, offset: local.offset)
            }
            return .reader(read: { [UInt8](try stream.read(upTo: $0)) }, close: { stream.close() })
        }
        return Response(status: .ok, headers: headers, body: .content(content))
    }
}
