/// Size limits on what a client may send. Exceeding one gets the matching status (414, 431, 413).
public struct HTTPLimits: Sendable {
    /// Longest request target (path + query) accepted; beyond it 414.
    public var maxRequestTargetLength: Int = 8 * 1024
    /// Largest request head (request line + header fields); beyond it 431.
    public var maxHeaderBytes: Int = 32 * 1024
    /// Most header fields in one request; beyond it 431.
    public var maxHeaderCount: Int = 100
    /// Default request body limit for routes that do not set their own; beyond it 413.
    public var maxBodyBytes: Int64 = 10 * 1024 * 1024
    /// Bodies up to this size stay in memory; larger ones are spooled to a temporary file as they arrive.
    public var bodyMemoryThreshold: Int = 256 * 1024
    /// Most bytes a `ResponseChannel` may have queued for a client that does not read; a send
    /// beyond it closes the connection.
    public var maxChannelQueuedBytes: Int = 256 * 1024

    public init() {}
}
