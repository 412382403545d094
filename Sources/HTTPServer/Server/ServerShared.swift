import Synchronization

/// State every I/O thread shares: configuration, the responder, the worker pool and the connection count.
final class ServerShared: Sendable {
    let configuration: ServerConfiguration
    let responder: Responder
    let workers: WorkerPool
    let temporaryDirectory: String
    private let openConnections = Atomic<Int>(0)

    init(configuration: ServerConfiguration, responder: Responder, workers: WorkerPool) {
        self.configuration = configuration
        self.responder = responder
        self.workers = workers
        temporaryDirectory = configuration.temporaryDirectory.path
    }

    /// Counts a new connection in if the cap allows it.
    func admit() -> Bool {
        let count = openConnections.add(1, ordering: .relaxed).newValue
        if count > configuration.maxConnections {
            openConnections.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func release() {
        openConnections.subtract(1, ordering: .relaxed)
    }

    var connectionCount: Int { openConnections.load(ordering: .relaxed) }
}
