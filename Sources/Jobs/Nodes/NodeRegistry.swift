import Common
import Foundation
import Storage

/// This process's row in the `nodes` table of the shared database, renewed every
/// `heartbeatInterval`, and the other nodes' rows: an API node counts the live workers from it
/// (`/readyz`, `/metrics`) without a connection to any of them.
///
/// A node is live while its heartbeat is younger than `liveWindow` (three heartbeats, so one
/// slow renewal does not count a worker as gone). A clean `stop()` deletes the row; a killed
/// process's row ages out of the window and is pruned after `pruneAge`.
public final class NodeRegistry: Sendable {
    public let this: Node
    public let heartbeatInterval: TimeInterval
    public var liveWindow: TimeInterval { 3 * heartbeatInterval }
    private let database: any SQLDatabase
    private let pruneAge: TimeInterval = 86_400
    private let task: Locked<PeriodicTask?> = Locked(nil)
    private let log: @Sendable (String) -> Void

    /// - Parameters:
    ///   - jobWorkers: the job worker threads this process runs (0 for an API node).
    ///   - log: where a failed renewal is reported (the registry keeps trying).
    public init(database: any SQLDatabase, role: NodeRole, jobWorkers: Int, heartbeatInterval: TimeInterval = 2,
                log: @escaping @Sendable (String) -> Void) throws {
        let now = Date()
        this = Node(id: "node_" + (try SecureRandom.base62(length: 16)), role: role, host: ProcessInfo.processInfo.hostName,
                    pid: Int(ProcessInfo.processInfo.processIdentifier), jobWorkers: role.runsJobs ? jobWorkers : 0,
                    startedAt: now, heartbeatAt: now)
        self.database = database
        self.heartbeatInterval = heartbeatInterval
        self.log = log
    }

    /// Registers this node and starts renewing its heartbeat.
    public func start() throws {
        try renew()
        let periodic = PeriodicTask(name: "stylify-node-heartbeat", every: heartbeatInterval, runsAtStart: false) { [self] in
            do {
                try renew()
            } catch {
                log("level=warn msg=\"node heartbeat failed\" node=\(this.id) error=\"\(error)\"")
            }
        }
        task.withLock { $0 = periodic }
        periodic.start()
    }

    /// Stops renewing and removes this node's row (a failure leaves it to age out).
    public func stop() {
        _ = task.withLock { $0 }?.stop(timeout: 5)
        _ = try? database.writeTransaction { try NodeRecords.delete(this.id, $0) }
    }

    /// The nodes whose heartbeat is within `liveWindow`, this one included.
    public func liveNodes() throws -> [Node] {
        let since = Milliseconds.now - Milliseconds.from(liveWindow)
        return try database.readTransaction { try NodeRecords.live(since: since, $0) }
    }

    /// The live nodes that run jobs (role `worker` or `all`).
    public func liveWorkers() throws -> [Node] {
        try liveNodes().filter { $0.role.runsJobs }
    }

    private func renew() throws {
        let node = Node(id: this.id, role: this.role, host: this.host, pid: this.pid, jobWorkers: this.jobWorkers,
                        startedAt: this.startedAt, heartbeatAt: Date())
        let cutoff = Milliseconds.now - Milliseconds.from(pruneAge)
        try database.writeTransaction { connection in
            try NodeRecords.upsert(node, connection)
            _ = try NodeRecords.prune(before: cutoff, connection)
        }
    }
}
