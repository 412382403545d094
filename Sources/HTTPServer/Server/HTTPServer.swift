import Common
import Foundation
import Glibc

/// The HTTP/1.1 server: a listening socket, a few epoll I/O threads and a worker pool.
///
///     var router = Router()
///     router.get("/v1/me") { request in .json(me) }
///     let server = HTTPServer(configuration: configuration, router: router)
///     try server.start()
///     print("listening on http://\(server.host):\(server.port)")
///     server.waitForShutdownSignal()   // SIGTERM/SIGINT → graceful shutdown
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    private let router: Router
    private let state = Locked<RunState>(RunState())

    private struct RunState: @unchecked Sendable {
        var loops: [EventLoop] = []
        var listenFD: Int32 = -1
        var port = 0
        var shared: ServerShared?
        var stopped = false
    }

    public init(configuration: ServerConfiguration, router: Router) {
        self.configuration = configuration
        self.router = router
    }

    /// The port actually bound (useful with port 0); 0 before `start`.
    public var port: Int { state.withLock { $0.port } }
    public var host: String { configuration.host }

    /// The base URL clients use, e.g. `http://127.0.0.1:54321`.
    public var baseURL: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "http://\(h):\(port)"
    }

    /// How many connections are open right now.
    public var connectionCount: Int { state.withLock { $0.shared?.connectionCount ?? 0 } }

    /// Binds the socket and starts the I/O and worker threads; returns once the server accepts connections.
    public func start() throws {
        // A peer that vanishes mid-write must be an error return, not a process-killing signal.
        signal(SIGPIPE, SIG_IGN)
        Self.raiseDescriptorLimit(toAtLeast: configuration.maxConnections * 2 + 256)
        try FileManager.default.createDirectory(at: configuration.temporaryDirectory, withIntermediateDirectories: true)
        let (fd, port) = try Sockets.listen(host: configuration.host, port: configuration.port, backlog: 1024)
        let workers = WorkerPool(threads: configuration.workerThreads)
        let shared = ServerShared(
            configuration: configuration, responder: Responder(router: router, configuration: configuration),
            workers: workers)
        var loops: [EventLoop] = []
        do {
            for index in 0..<max(1, configuration.ioThreads) {
                loops.append(try EventLoop(index: index, shared: shared, listenFD: fd))
            }
        } catch {
            close(fd)
            workers.stop()
            throw error
        }
        for loop in loops {
            let thread = Thread { loop.run() }
            thread.name = "stylify-io-\(loop.index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        state.withLock {
            $0.loops = loops
            $0.listenFD = fd
            $0.port = port
            $0.shared = shared
        }
    }

    /// Stops accepting, lets in-flight requests finish for up to `gracePeriod` (the configured one by
    /// default), closes every connection and stops the threads. Blocks until done; safe to call twice.
    public func shutdown(gracePeriod: Duration? = nil) {
        let (loops, fd, shared) = state.withLock { state -> ([EventLoop], Int32, ServerShared?) in
            if state.stopped { return ([], -1, nil) }
            state.stopped = true
            return (state.loops, state.listenFD, state.shared)
        }
        guard let shared else { return }
        let deadline = MonotonicClock.now() &+ MonotonicClock.nanoseconds(gracePeriod ?? configuration.shutdownGracePeriod)
        for loop in loops { loop.execute { loop.beginDrain(deadline: deadline) } }
        for loop in loops { loop.waitUntilStopped() }
        close(fd)
        shared.workers.stop()
        configuration.accessLog.event(level: "info", "server stopped")
    }

    /// The default soft limit (often 1024) would make accept fail long before `maxConnections`;
    /// raise it towards the hard limit (each connection may also hold a spool file or a sent file).
    private static func raiseDescriptorLimit(toAtLeast wanted: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let target = min(rlim_t(wanted), limit.rlim_max)
        if limit.rlim_cur < target {
            limit.rlim_cur = target
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }

    /// Blocks until SIGTERM or SIGINT arrives, then shuts down gracefully and returns.
    ///
    /// - Parameter signals: installed before the caller announced the server (see `ShutdownSignals`).
    public func waitForShutdownSignal(_ signals: ShutdownSignals = ShutdownSignals()) {
        signals.wait()
        configuration.accessLog.event(level: "info", "shutting down", [("grace_s", "\(configuration.shutdownGracePeriod.components.seconds)")])
        shutdown()
        signals.restore()
    }
}
