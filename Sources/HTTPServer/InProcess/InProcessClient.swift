import Foundation

/// Runs a router the way `HTTPServer` does — the same parser, connection state machine, responder
/// and worker pool — on bytes in memory instead of a socket, so a test can send any bytes (pipelined
/// requests, a partial head, a body in pieces, garbage) and read back the parsed responses without
/// a port, an event loop or a timing race. One client is one connection.
///
///     let client = try InProcessClient(router: router)
///     let responses = client.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n")
///     XCTAssertEqual(responses.map(\.status), [200, 200])
///
/// Handlers still run on worker threads (and `.inline` routes on the caller's thread, as on an I/O
/// thread); each call waits until the connection needs the client again. Time stands still unless
/// the test moves it with `advanceClock(by:)`, which also runs the deadline checks the server's
/// sweep runs (header, idle, body rate, linger). Use a client from one thread at a time.
public final class InProcessClient: @unchecked Sendable {
    private let shared: ServerShared
    private let executor = InProcessExecutor()
    private let context: LoopContext
    private let transport: InProcessTransport
    private let connection: Connection<InProcessTransport>
    private let methods: ResponseMethodLog
    private var reader = ResponseReader()
    /// How long one call waits for work on other threads (a handler, a spool file's last writes, a
    /// streamed body) before giving up and returning what it has: a hung handler fails the test
    /// instead of hanging it.
    public var patience: Duration = .seconds(30)

    /// - Parameters:
    ///   - configuration: as for `HTTPServer`; the address, port, I/O threads and connection cap do
    ///     not apply. Its temporary directory (for spooled bodies) is created if missing.
    ///   - remoteAddress: what handlers see as `Request.remoteAddress`.
    public init(
        router: Router, configuration: ServerConfiguration = ServerConfiguration(),
        remoteAddress: String = "127.0.0.1:49152"
    ) throws {
        var configuration = configuration
        methods = ResponseMethodLog(forwardingTo: configuration.requestMetrics)
        configuration.requestMetrics = methods
        try FileManager.default.createDirectory(at: configuration.temporaryDirectory, withIntermediateDirectories: true)
        shared = ServerShared(
            configuration: configuration, responder: Responder(router: router, configuration: configuration),
            workers: WorkerPool(threads: configuration.workerThreads, name: "stylify-in-process"))
        context = LoopContext(index: 0, shared: shared, executor: executor, now: 1_000_000_000, manualClock: true)
        transport = InProcessTransport()
        connection = Connection(transport: transport, remoteAddress: remoteAddress, loop: context, counted: false)
    }

    deinit {
        connection.close()
        shared.workers.stop()
    }

    /// Sends bytes as the client, then runs the server side until it waits for the client again.
    ///
    /// - Parameter readSize: the most the server reads at once (1 delivers the bytes one by one).
    /// - Returns: the responses completed meanwhile, in order; an interim `100 Continue` is one.
    @discardableResult
    public func send(_ bytes: [UInt8], readSize: Int = 64 * 1024) -> [InProcessResponse] {
        transport.readSize = readSize
        transport.receive(bytes)
        connection.onReadable()
        return run()
    }

    /// Sends UTF-8 text as the client (see `send(_:readSize:)`).
    @discardableResult
    public func send(_ text: String, readSize: Int = 64 * 1024) -> [InProcessResponse] {
        send(Array(text.utf8), readSize: readSize)
    }

    /// Ends the client's side of the stream, as `shutdown(SHUT_WR)` would, and runs the server side.
    @discardableResult
    public func finishSending() -> [InProcessResponse] {
        transport.inputEnded = true
        connection.onReadable()
        return run()
    }

    /// Moves the server's clock forward, runs its deadline checks, then runs the server side.
    @discardableResult
    public func advanceClock(by duration: Duration) -> [InProcessResponse] {
        context.now &+= MonotonicClock.nanoseconds(duration)
        connection.checkDeadlines()
        return run()
    }

    /// Whether the server has closed the connection.
    public var isClosed: Bool { connection.state == .closed }

    /// Whether the server will write nothing more: it half-closed after a final response, or closed.
    public var serverFinishedSending: Bool { transport.outputShut || transport.closed }

    /// What the server wrote after the last complete response (a response still being written, or
    /// bytes that do not form one).
    public var unparsedOutput: [UInt8] { Array(transport.output[reader.offset...]) }

    /// Runs what other threads hand back until the connection waits for the client (or patience runs out).
    private func run() -> [InProcessResponse] {
        let (seconds, attoseconds) = patience.components
        let deadline = Date().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        while true {
            let waiting = connection.awaitsOtherThreads
            let tasks = executor.take(waitingUntil: waiting ? deadline : nil)
            if tasks.isEmpty {
                if !waiting || Date() >= deadline { break }
                continue
            }
            for task in tasks { task() }
        }
        var responses: [InProcessResponse] = []
        let methods = self.methods
        while let response = reader.next(
            in: transport.output, answersHead: { methods.method(ofResponse: $0) == .head }, ended: serverFinishedSending)
        {
            responses.append(response)
        }
        return responses
    }
}
