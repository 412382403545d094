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
///
/// The parts, each owning its state (see Docs/Jobs.md):
/// - `JobQueue`: the durable queue (SQLite rows and reservations); no state in memory.
/// - `JobWorkers`: the worker and keeper threads (a `ThreadGroup`: its lock guards the life cycle).
/// - `JobExecutor`: runs one claimed job to its end; stateless.
/// - `RunningJobs`: this process's running jobs (its lock guards that table).
/// - `JobEvents`: observers (one lock) and the change signal workers and waiters sleep on (its own).
public final class JobService: Sendable {
    public let database: any SQLDatabase
    public let quotas: QuotaService
    public let configuration: JobServiceConfiguration
    let queue: JobQueue

    /// Where contents are read from and results stored, by key.
    public var blobs: any BlobStore { queue.blobs }
    let events: JobEvents
    let running = RunningJobs()
    let recorder = MetricsRecorder()
    let executor: JobExecutor
    let workers: JobWorkers

    /// - Parameters:
    ///   - blobs: the store that holds the jobs' contents and takes their results, by key.
    ///   - models: where the weights are (and the compute context they run with); each model is
    ///     loaded on first use and shared.
    /// - Throws: when the results directory cannot be created.
    public init(database: any SQLDatabase, quotas: QuotaService, blobs: any BlobStore, models: ModelLocator,
                configuration: JobServiceConfiguration) throws {
        self.database = database
        self.quotas = quotas
        self.configuration = configuration
        queue = JobQueue(database: database, quotas: quotas, blobs: blobs, configuration: configuration)
        events = JobEvents(queue: queue)
        let segments = JobSegments(queue: queue)
        executor = JobExecutor(queue: queue, models: ModelCache(locator: models), recorder: recorder, running: running,
                               events: events, segments: segments)
        workers = JobWorkers(queue: queue, executor: executor, running: running, events: events,
                             sweeper: ResultFileSweeper(queue: queue), segments: segments)
        try FileManager.default.createDirectory(at: configuration.resultsDirectory, withIntermediateDirectories: true)
    }

    /// Calls `observer` after every change of a job's status made by this process (queued,
    /// running, succeeded, failed, canceled, re-queued), on the thread that made it: keep it short,
    /// and do not call `stop()` from it (stop waits for that very thread).
    public func addObserver(_ observer: @escaping @Sendable (Job) -> Void) {
        events.addObserver(observer)
    }

    /// Calls `observer` each time a job running in this process renders more frames (an image:
    /// once, at its end), on the rendering thread: keep it short and never block it. Progress is
    /// written to the database only at heartbeats; this sees every frame.
    public func addProgressObserver(_ observer: @escaping @Sendable (JobProgressUpdate) -> Void) {
        events.addProgressObserver(observer)
    }

    /// Starts the worker pool and the keeper (heartbeats, recovery, reservation renewals). First
    /// re-queues the running jobs whose worker lease passed (their process died). Calling it
    /// again while started does nothing.
    public func start() {
        workers.start()
    }

    /// Stops the pool: running jobs are interrupted at their next frame and put back in the
    /// queue (to run again from the start on the next `start()`); returns when every thread ended.
    public func stop() {
        workers.stop()
    }

    /// Creates a queued job and wakes a worker: validates the request, probes the content
    /// (headers only), reserves its frames (image 1, video its probed frame count) in the same
    /// transaction that stores the job with a copy of its style codes.
    ///
    /// The output size is capped by the plan: images fit the plan's `image_long_side` and
    /// `image_pixels`, videos its `video_long_side` (both on top of `options.maxSide`).
    ///
    /// - Parameter alongside: runs inside the transaction that stores the job, after its row is
    ///   written, with the new job's id: what the caller must keep exactly when the job exists
    ///   (pins of its inputs, rows that reference it). If it throws, nothing of the submission
    ///   is kept (no job, no reservation) and its error is rethrown as it is.
    /// - Throws: `JobError.invalidRequest` / `.invalidContent` / `.contentTooSmall` (nothing
    ///   reserved); `QuotaError.quotaExceeded` (monthly frames), `.concurrencyLimit`, `.planLimit`
    ///   (`video_frames`), `.unknownAccount`; `JobError.storage`; what `alongside` throws.
    public func submit(_ request: JobRequest, alongside: ((any SQLConnection, JobID) throws -> Void)? = nil) throws -> Job {
        let id = try queue.submit(request, alongside: alongside)
        events.notify(id)
        return try get(id, account: request.account)
    }

    /// Creates all of `requests` (one account's) as queued jobs in one transaction, or none:
    /// see `JobQueue.submitAll`. Returns them in order.
    ///
    /// - Parameter alongside: runs in the transaction that stores the jobs, with their ids in order.
    /// - Throws: `JobBatchItemError` for one refused item; `QuotaError` for the batch as a whole;
    ///   `JobError.storage`; what `alongside` throws.
    public func submitAll(_ requests: [JobRequest], alongside: ((any SQLConnection, [JobID]) throws -> Void)? = nil) throws -> [Job] {
        let ids = try queue.submitAll(requests, alongside: alongside)
        for id in ids { events.notify(id) }
        return try ids.map { try get($0, account: requests[0].account) }
    }

    /// Submits and answers in one call, for small images the API answers in the same request:
    /// an image job is run at once on the calling thread (it does not wait behind long video
    /// jobs in the queue); a video job (or an image a worker claimed first) is waited for up to
    /// `timeout`. Returns the job as it is then: succeeded or failed normally, still queued or
    /// running only if the wait timed out (answer 202 then).
    ///
    /// - Parameter alongside: as for `submit`: runs in the transaction that stores the job.
    /// - Throws: what `submit` throws; `JobError.serviceStopped` while the service is stopping.
    public func submitAndWait(
        _ request: JobRequest, timeout: TimeInterval, alongside: ((any SQLConnection, JobID) throws -> Void)? = nil
    ) throws -> Job {
        guard !workers.isStopping else { throw JobError.serviceStopped }
        let job = try submit(request, alongside: alongside)
        if job.kind == .image, let control = try workers.claim(only: job.id) {
            executor.execute(control)
        }
        return try wait(for: job.id, account: request.account, timeout: timeout)
    }

    /// Cancels a queued or running job: it is marked canceled and its frames released in one
    /// transaction, at once; a running job's worker stops at its next frame (within a second)
    /// and discards its output. Canceling a canceled job returns it unchanged.
    ///
    /// - Throws: `JobError.notFound` (also for another account's job), `.notCancelable` when it
    ///   already succeeded or failed, `.storage`.
    @discardableResult
    public func cancel(_ id: JobID, account: String) throws -> Job {
        if try queue.cancel(id, account: account) {
            running.control(of: id)?.interrupt(.canceled)
            events.notify(id)
        }
        return try get(id, account: account)
    }

    /// Removes the files in the results directory that no running attempt is writing and that
    /// are not a kept result (see `ResultFileSweeper`). Runs at `start()` and every
    /// `resultSweepInterval`.
    ///
    /// - Returns: how many files it removed.
    @discardableResult
    public func sweepResultFiles() -> Int {
        ResultFileSweeper(queue: queue).sweep()
    }

    /// A snapshot for `/metrics`.
    public func metrics() throws -> JobMetrics {
        let (depth, counts) = try queue.counts()
        return recorder.snapshot(queueDepth: depth, jobsByStatus: counts, runningHere: running.count)
    }
}
