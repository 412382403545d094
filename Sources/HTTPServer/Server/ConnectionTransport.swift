/// The byte stream under a `Connection`: everything its protocol logic asks of the outside world,
/// and nothing else. `SocketTransport` is a non-blocking TCP socket (the server's);
/// `InProcessTransport` is memory (`InProcessClient`'s). A transport never calls back into its
/// connection; the connection's owner tells it when input or output space may be ready.
/// (`SendableMetatype`: the connection's worker closures mention its type, never a transport.)
protocol ConnectionTransport: SendableMetatype {
    /// Reads what has arrived.
    mutating func read() -> TransportRead
    /// Writes a response head and body, at once where possible; whatever the peer does not take now
    /// is queued behind what is already queued.
    mutating func write(head: [UInt8], body: [UInt8]) -> OutputQueue.FlushResult
    /// Queues bytes from `offset` on, behind what is queued.
    mutating func enqueue(_ bytes: [UInt8], from offset: Int)
    /// Queues a file region behind what is queued; the transport owns `fd` from now on and closes it.
    mutating func enqueueFile(fd: Int32, offset: Int64, length: Int64)
    /// Writes what is queued, as far as the peer takes it.
    mutating func flush() -> OutputQueue.FlushResult
    /// Whether output is still waiting for the peer.
    var hasQueuedOutput: Bool { get }
    /// Ends the output (a half-close): the final response is out, input may still be drained.
    mutating func shutdownOutput()
    /// Closes the stream and releases whatever output is still queued.
    mutating func close()
}

/// The outcome of one `ConnectionTransport.read`.
enum TransportRead {
    /// Bytes that arrived, valid until the next call; `drained` when nothing more is waiting now
    /// (a short read), so the reader can stop until it is told of new input.
    case bytes(UnsafeRawBufferPointer, drained: Bool)
    /// Nothing is waiting now.
    case wouldBlock
    /// The peer will send nothing more.
    case end
    /// The stream broke (reset).
    case failed
}
