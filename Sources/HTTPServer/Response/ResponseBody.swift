/// The content of a response.
public enum ResponseBody: Sendable {
    /// No content.
    case empty
    /// Bytes in memory, sent with `Content-Length`.
    case bytes([UInt8])
    /// A region of a file, sent with `sendfile` and `Content-Length`.
    case file(FileRegion)
    /// Content produced piece by piece on a worker thread, sent with chunked transfer coding.
    case stream(ResponseStream)
}

/// A byte range of a file on disk plus the validators the server uses for conditional and range requests.
public struct FileRegion: Sendable {
    public var path: String
    public var offset: Int64
    public var length: Int64
    /// The whole file's size (for `Content-Range`).
    public var fileSize: Int64

    public init(path: String, offset: Int64 = 0, length: Int64, fileSize: Int64) {
        self.path = path
        self.offset = offset
        self.length = length
        self.fileSize = fileSize
    }
}

/// A producer of a chunked response body. `produce` runs on a worker thread and calls `write` for each
/// piece; `write` blocks while the client is slow, so a big body never piles up in memory.
public struct ResponseStream: Sendable {
    public let produce: @Sendable (ResponseStreamWriter) throws -> Void

    public init(_ produce: @escaping @Sendable (ResponseStreamWriter) throws -> Void) {
        self.produce = produce
    }
}
