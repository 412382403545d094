import Foundation

/// Everything the server needs to know before it starts. Defaults run out of the box on one machine.
public struct ServerConfiguration: Sendable {
    /// Address to bind; `127.0.0.1`, `0.0.0.0`, `::1`, `localhost`.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one (read it back from `HTTPServer.port`).
    public var port: Int = 8080
    /// Threads running epoll loops; they parse, route and write but never run blocking handlers.
    public var ioThreads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Threads running handlers that may block.
    public var workerThreads: Int = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)
    /// Open connections beyond this are answered 503 with `Retry-After` and closed.
    public var maxConnections: Int = 10_000
    /// The `Retry-After` seconds sent with that 503.
    public var retryAfterSeconds: Int = 1
    public var limits = HTTPLimits()
    public var timeouts = Timeouts()
    /// Where large request bodies are spooled; created if missing.
    public var temporaryDirectory: URL = FileManager.default.temporaryDirectory
    /// Cross-origin policy; nil sends no CORS headers at all.
    public var cors: CORSPolicy?
    /// The web app's files, served for GET/HEAD paths no route matches (outside `/v1/`).
    public var webRoot: URL?
    /// Named checks behind `GET /readyz`.
    public var readinessChecks: [ReadinessCheck] = []
    /// What this process does in a deployment (`all`, `api`, `worker`), shown by `GET /readyz`;
    /// nil: not shown.
    public var role: String?
    public var accessLog = AccessLog()
    /// Counts every response by method, route template and status for `/metrics`; nil records nothing.
    public var requestMetrics: (any RequestMetricsRecorder)?
    /// How long a shutdown waits for in-flight requests before closing their connections.
    public var shutdownGracePeriod: Duration = .seconds(10)

    public init() {}

    /// Deadlines that keep slow or idle clients from holding connections (slowloris and friends).
    public struct Timeouts: Sendable {
        /// A request head must be complete this long after its first byte (408 otherwise).
        public var header: Duration = .seconds(10)
        /// A keep-alive connection with no request in progress is closed after this.
        public var idle: Duration = .seconds(60)
        /// Request bodies must arrive at least this fast once the grace period is over (408 otherwise)…
        public var minBodyBytesPerSecond: Int = 1024
        public var bodyGracePeriod: Duration = .seconds(5)
        /// …and never stall completely for longer than this.
        public var bodyStall: Duration = .seconds(15)
        /// A client that reads nothing of a response for this long is dropped.
        public var write: Duration = .seconds(30)
        /// After a final response, unread input is drained this long before closing, so the client
        /// sees the response rather than a reset.
        public var linger: Duration = .seconds(2)

        public init() {}
    }
}
