/// The content of a response.
public enum ResponseBody: Sendable {
    /// No content.
    case empty
    /// Bytes in memory, sent with `Content-Length`.
    case bytes([UInt8])
    /// A region of a file, sent with `sendfile` and `Content-Length`.
    case file(FileRegion)
    /// Content produced piece by piece on a worker thread, sent with chunked transfer coding
    /// (or with `Content-Length` when the stream declares its length).
    case stream(ResponseStream)
    /// Content the application pushes from any thread while the connection stays open, sent
    /// with chunked transfer coding; no thread waits on it (Server-Sent Events).
    case channel(ResponseChannel)
    /// Content of known length opened only when sent, with `Range` support: a stored blob.
    case content(ResponseContent)
}

/// A byte range of a file on disk plus the validators the server uses for conditional and range requests.
public struct FileRegion: Sendable {
    /// The file, opened when the response is sent (empty for an already open `file`).
    public var path: String
    public var offset: Int64
    public var length: Int64
    /// The whole file's size (for `Content-Range`).
    public var fileSize: Int64
    /// A file opened already (a `ResponseContent` source): sent without looking up a path.
    var file: OpenFile?

    public init(path: String, offset: Int64 = 0, length: Int64, fileSize: Int64) {
        self.path = path
        self.offset = offset
        self.length = length
        self.fileSize = fileSize
    }

    init(file: OpenFile, offset: Int64, length: Int64, fileSize: Int64) {
        self.init(path: "", offset: offset, length: length, fileSize: fileSize)
        self.file = file
    }
}

/// A producer of a chunked response body. `produce` runs on a worker thread and calls `write` for each
/// piece; `write` blocks while the client is slow, so a big body never piles up in memory.
public struct ResponseStream: Sendable {
    /// The exact number of bytes `produce` writes, when known: sent with `Content-Length` instead
    /// of chunks. A producer that ends short must throw (the connection is then cut).
    public let length: Int64?
    public let produce: @Sendable (ResponseStreamWriter) throws -> Void

    public init(length: Int64? = nil, _ produce: @escaping @Sendable (ResponseStreamWriter) throws -> Void) {
        self.length = length
        self.produce = produce
    }
}
