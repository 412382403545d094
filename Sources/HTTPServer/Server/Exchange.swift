import Glibc

/// The request a connection is currently working on, from its head to the end of its response.
struct Exchange {
    var sequence: UInt64 = 0
    var method = HTTPMethod.get
    var path = ""
    var requestID = ""
    var startedAt: UInt64 = 0
    var minorVersion = 1
    var keepAlive = true
    var head: RequestHead?
    var plan: Responder.Plan?
    var sink: BodySink?
    var chunked: ChunkedDecoder?
    var remaining: Int64 = 0
    var bodyStartedAt: UInt64 = 0
    var bodyReceived: Int64 = 0
    /// A spooled body file to delete once the response is out.
    var bodyFile: String?
    var status = 0
    var bytesSent: Int64 = 0
    var lastWriteProgress: UInt64 = 0
    var stream: ResponseStreamWriter?
    /// The open `ResponseChannel`'s writer, until the application finishes it.
    var channel: ResponseChannelWriter?
    /// Context produced by the route's body admission, handed to the handler.
    var context = RequestContext()
    /// The route's answer to a body over its limit, from body admission; nil is `body_too_large`.
    var tooLarge: (@Sendable (Int64, Int64) -> HTTPError)?

    /// Frees what this exchange holds (spool file, stream producer) when it ends or the connection dies.
    mutating func release() {
        sink?.discard()
        sink = nil
        if let bodyFile { unlink(bodyFile) }
        bodyFile = nil
        stream?.cancel()
        stream = nil
        channel?.cancel()
        channel = nil
    }
}
