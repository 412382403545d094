import Foundation
import Inference
import Quotas
import Storage

/// Durable stylization jobs: submission (with its frame reservation), a fixed pool of workers
/// that run queued jobs by priority within each account's concurrency limit, cancel, recovery of
/// jobs whose worker died, and metrics.
///
/// Create one per process and share it. Every state lives in the database, so a restart (or a
/// `kill -9`) loses nothing: `start()` re-queues running jobs whose worker lease passed, and their
/// frame reservations are renewed, never committed twice.
public final class JobService: @unchecked Sendable {
    public let database: Database
    public let quotas: QuotaService
    public let configuration: JobServiceConfiguration
    let models: ModelCache
    let recorder = MetricsRecorder()

    /// Guards everything below and is signalled on every local change (new work, a job ending,
    /// stop), so workers and waiters wake without polling.
    let state = NSCondition()
    var running: [JobID: RunControl] = [:]
    var observers: [@Sendable (Job) -> Void] = []
    var started = false
    var stopping = false
    var liveThreads = 0
    /// Bumped on every signal, so a worker that found no work can tell whether some arrived since.
    var wakeups = 0

    /// - Parameters:
    ///   - models: where the weights are; each model is loaded on first use and shared.
    /// - Throws: when the results directory cannot be created.
    public init(database: Database, quotas: QuotaService, models: ModelLocator,
                configuration: JobServiceConfiguration) throws {
        self.database = database
        self.quotas = quotas
        self.configuration = configuration
        self.models = ModelCache(locator: models)
        try FileManager.default.createDirectory(at: configuration.resultsDirectory, withIntermediateDirectories: true)
    }

    /// Calls `observer` after every change of a job's status made by this process (queued,
    /// running, succeeded, failed, canceled, re-queued), on the thread that made it: keep it short,
    /// and do not call `stop()` from it (stop waits for that very thread).
    public func addObserver(_ observer: @escaping @Sendable (Job) -> Void) {
        state.withLock { observers.append(observer) }
    }

    func notify(_ id: JobID) {
        guard let job = try? database.read({ try JobRecords.job(id, account: nil, $0) }) else { return }
        let observers = state.withLock {
            wakeups += 1
            state.broadcast()
            return self.observers
        }
        for observer in observers { observer(job) }
    }

    /// Wakes idle workers (new or freed work).
    func wake() {
        state.withLock {
            wakeups += 1
            state.broadcast()
        }
    }

    /// A snapshot for `/metrics`.
    public func metrics() throws -> JobMetrics {
        let (depth, counts) = try JobError.wrapping {
            try database.read { (try JobRecords.queuedCount($0), try JobRecords.countsByStatus($0)) }
        }
        let here = state.withLock { running.count }
        return recorder.snapshot(queueDepth: depth, jobsByStatus: counts, runningHere: here)
    }
}
