import Foundation

/// The background services of one process in the order they start: each is started after the
/// ones before it and stopped before them, so a service never runs without what it depends on.
/// (`stylify serve`: the sweeps, webhooks, jobs, then the HTTP server; see Docs/Settings.md.)
///
/// Every stop is bounded: a service still stopping after its `stopWithin` is reported and left
/// behind, and the next one is stopped, since the process exits next anyway.
///
///     let lifecycle = ServiceLifecycle(log: log)
///     lifecycle.add("jobs", stopWithin: 10, start: jobs.start, stop: jobs.stop)
///     lifecycle.add("http", stopWithin: 15, start: server.start, stop: { server.shutdown() })
///     try lifecycle.start()   // jobs, then http
///     lifecycle.stop()        // http, then jobs
///
/// Not thread-safe: one thread (the process's main one) adds, starts and stops.
public final class ServiceLifecycle {
    /// One service: how it starts and stops, and how long its stop may take.
    public struct Service: Sendable {
        public let name: String
        public let stopWithin: TimeInterval
        let start: @Sendable () throws -> Void
        let stop: @Sendable () -> Void
    }

    public private(set) var services: [Service] = []
    private var startedCount = 0
    private let log: @Sendable (String) -> Void

    /// - Parameter log: receives one logfmt line per service that overran its stop bound.
    public init(log: @escaping @Sendable (String) -> Void) {
        self.log = log
    }

    /// Appends a service; it starts after every service added before it and stops before them.
    public func add(
        _ name: String, stopWithin: TimeInterval,
        start: @escaping @Sendable () throws -> Void, stop: @escaping @Sendable () -> Void
    ) {
        services.append(Service(name: name, stopWithin: stopWithin, start: start, stop: stop))
    }

    /// The services' names in start order.
    public var names: [String] { services.map(\.name) }

    /// Starts every service not yet started, in order. When one fails, those already started
    /// are stopped (in reverse) and its error is rethrown.
    public func start() throws {
        while startedCount < services.count {
            do {
                try services[startedCount].start()
            } catch {
                stop()
                throw error
            }
            startedCount += 1
        }
    }

    /// Stops the started services in reverse order, each within its bound.
    ///
    /// - Returns: the names of the services that overran their bound.
    @discardableResult
    public func stop() -> [String] {
        var overran: [String] = []
        for service in services[..<startedCount].reversed() {
            let done = DispatchSemaphore(value: 0)
            let stop = service.stop
            let thread = Thread {
                stop()
                done.signal()
            }
            thread.name = "stop-\(service.name)"
            thread.start()
            if done.wait(timeout: .now() + service.stopWithin) == .timedOut {
                overran.append(service.name)
                log("level=warn msg=\"service did not stop in time; left behind\" service=\(service.name) bound_s=\(service.stopWithin)")
            }
        }
        startedCount = 0
        return overran
    }
}
