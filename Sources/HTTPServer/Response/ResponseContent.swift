import Glibc

/// A body of known length whose bytes are opened only when the response is sent: a stored blob.
/// It goes out with `Content-Length`; a `Range` request opens only the bytes it asks for, and a
/// `HEAD` or a 304 opens nothing. It is opened on the thread that ran the handler (a worker for
/// `.worker` routes), never on the event loop: a source that is an open file then goes out with
/// `sendfile`, any other source is copied chunk by chunk on a worker thread.
public struct ResponseContent: Sendable {
    /// The whole representation's length (for `Content-Range`).
    public let length: Int64
    /// The bytes to send: all of them unless a `Range` request narrowed it.
    public internal(set) var range: Range<Int64>
    let open: @Sendable (Range<Int64>) throws -> ContentSource

    /// - Parameter open: opens the bytes of a range within `0..<length`; an error answers 404
    ///   (the content went away since the handler looked it up).
    public init(length: Int64, open: @escaping @Sendable (Range<Int64>) throws -> ContentSource) {
        self.length = length
        range = 0..<max(0, length)
        self.open = open
    }
}

/// Where the bytes of a `ResponseContent` come from, once opened.
public enum ContentSource {
    /// An open file, handed over (the server closes the descriptor), with the file offset where
    /// the range's bytes start.
    case file(descriptor: Int32, offset: Int64)
    /// `read` gives the next bytes (at most the count asked for; empty means the source ended
    /// early and the connection is cut); `close` runs once sending ends.
    case reader(read: @Sendable (Int) throws -> [UInt8], close: @Sendable () -> Void)
}

/// A file descriptor a response holds until it is sent; closed when the last copy goes. The
/// connection sends from a duplicate, so a response dropped unsent leaks nothing.
public final class OpenFile: Sendable {
    let descriptor: Int32

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        _ = Glibc.close(descriptor)
    }

    /// A new descriptor for the same open file, for the output queue (which closes it).
    func duplicate() -> Int32 {
        fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
    }
}

extension Response {
    /// Opens a `.content` body on the calling thread (the handler's): an open file becomes a
    /// `sendfile` region, a reader a stream of known length. Other bodies, `HEAD` and body-less
    /// statuses are returned unchanged; a source that fails to open answers 404.
    func openingContent(for method: HTTPMethod) -> Response {
        guard case .content(let content) = body, method != .head, status.allowsBody else { return self }
        let count = Int64(content.range.count)
        var opened = self
        do {
            switch try content.open(content.range) {
            case .file(let descriptor, let offset):
                opened.body = .file(FileRegion(file: OpenFile(descriptor), offset: offset, length: count, fileSize: content.length))
            case .reader(let read, let close):
                opened.body = .stream(ResponseStream(length: count) { writer in
                    defer { close() }
                    var remaining = count
                    while remaining > 0 {
                        let chunk = try read(Int(min(remaining, 256 << 10)))
                        guard !chunk.isEmpty else {
                            throw HTTPError(.internalServerError, code: "short_content", detail: "The content ended early.")
                        }
                        try writer.write(chunk.count <= remaining ? chunk : Array(chunk.prefix(Int(remaining))))
                        remaining -= Int64(chunk.count)
                    }
                })
            }
        } catch {
            return .problem(.notFound("The file is no longer available."))
        }
        return opened
    }
}
